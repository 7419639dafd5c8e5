/*
 * scheme_json.c: loads a scheme's parameter file (data/schemes/<s>.json),
 * the matrix versions it lists and its heat-source proxy table.
 *
 * Each parameter is {"value": ..., "source": "..."}: a parameter without a
 * source is refused, so every number the rules use can be traced to the
 * article it comes from.  A named alternative set overrides the base
 * parameters it lists and inherits the rest.
 */
#include "ecoreg/io.h"

#include <jansson.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ecoreg/alloc.h"

/* A parameter file being read: where its parameters come from. */
struct loader {
    const char *path;
    json_t *base;     /* "parameters" */
    json_t *override; /* the alternative set's "parameters", or NULL */
    er_error *err;
};

static er_status fail(const struct loader *l, const char *field,
                      const char *what)
{
    return er_error_set(l->err, ER_EINVAL, 0, field, "%s: %s %s", l->path,
                        field, what);
}

/* The "value" of parameter `name`, from the chosen set or else the base
 * (check_citations() has made sure each carries its source). */
static er_status param(const struct loader *l, const char *name, bool required,
                       json_t **value)
{
    json_t *p = l->override ? json_object_get(l->override, name) : NULL;

    if (!p)
        p = json_object_get(l->base, name);
    *value = p ? json_object_get(p, "value") : NULL;
    if (!*value && required)
        return fail(l, name, "is missing");
    return ER_OK;
}

/* A decimal given as a JSON string ("0.35"), parsed exactly. */
static er_status decimal(const struct loader *l, const char *name, json_t *v,
                         er_q *out)
{
    if (!json_is_string(v) || er_q_parse(json_string_value(v), out) != ER_OK)
        return fail(l, name, "must be a decimal written as a string, e.g. \"0.35\"");
    return ER_OK;
}

static er_status decimal_param(const struct loader *l, const char *name,
                               bool required, er_q *out)
{
    json_t *v;
    er_status rc = param(l, name, required, &v);

    if (rc || !v)
        return rc;
    return decimal(l, name, v, out);
}

static er_status floor_area_factor(const struct loader *l, er_scheme *s)
{
    json_t *v, *f;
    er_status rc = param(l, "floor_area_factor", true, &v);
    int i;

    if (rc)
        return rc;
    for (i = 0; i < ER_SEGMENT_COUNT; i++) {
        f = json_object_get(v, er_segment_name((er_segment)i));
        if (!f)
            return fail(l, "floor_area_factor", "needs a value for every segment");
        if ((rc = decimal(l, "floor_area_factor", f, &s->floor_area_factor[i])))
            return rc;
    }
    return ER_OK;
}

static er_status rural(const struct loader *l, er_scheme *s)
{
    json_t *v, *n;
    er_status rc;
    size_t i;

    if ((rc = decimal_param(l, "rural_uplift", true, &s->rural_uplift)))
        return rc;
    if ((rc = param(l, "rural_uplift_needs_off_gas", true, &v)))
        return rc;
    if (!json_is_boolean(v))
        return fail(l, "rural_uplift_needs_off_gas", "must be true or false");
    s->rural_uplift_needs_off_gas = json_is_true(v);
    if ((rc = param(l, "rural_uplift_nations", true, &v)))
        return rc;
    if (!json_is_array(v))
        return fail(l, "rural_uplift_nations", "must be a list of nations");
    json_array_foreach(v, i, n) {
        er_nation nation;

        if (!json_is_string(n) || er_nation_parse(json_string_value(n), &nation))
            return fail(l, "rural_uplift_nations", "lists an unknown nation");
        s->rural_uplift_nation[nation] = true;
    }
    return ER_OK;
}

static er_status popt(const struct loader *l, er_scheme *s)
{
    json_t *v;
    er_status rc = param(l, "popt_full_percent", true, &v);

    if (rc)
        return rc;
    if (!json_is_integer(v) || json_integer_value(v) < 1 || json_integer_value(v) > 100)
        return fail(l, "popt_full_percent", "must be a whole percentage");
    s->popt_full_percent = (int)json_integer_value(v);
    if ((rc = param(l, "popt_rule", true, &v)))
        return rc;
    if (json_is_string(v) && strcmp(json_string_value(v), "popt_over_atf") == 0)
        s->popt_rule = ER_POPT_OVER_ATF;
    else if (json_is_string(v) && strcmp(json_string_value(v), "popt") == 0)
        s->popt_rule = ER_POPT_PLAIN;
    else
        return fail(l, "popt_rule", "must be \"popt_over_atf\" or \"popt\"");
    return ER_OK;
}

/* ECO4 only: the finishing-band cap and the minimum requirement table. */
static er_status fps_rules(const struct loader *l, er_scheme *s)
{
    json_t *v, *req;
    const char *letter;
    er_status rc;
    int i;

    s->fps_finish_cap = ER_BAND_NONE;
    for (i = 0; i < 7; i++)
        s->min_finish_tenths[i] = -1;
    if ((rc = param(l, "fps_finish_cap", false, &v)) || !v)
        return rc;
    if (!json_is_string(v) || er_band_parse(json_string_value(v), &s->fps_finish_cap))
        return fail(l, "fps_finish_cap", "must be a band such as \"High_B\"");
    if ((rc = param(l, "minimum_requirement", true, &v)))
        return rc;
    json_object_foreach(v, letter, req) {
        const char *to = json_string_value(req);

        if (strlen(letter) != 1 || er_sap_letter_floor(letter[0]) < 0 || !to ||
            strlen(to) != 1 || er_sap_letter_floor(to[0]) < 0)
            return fail(l, "minimum_requirement", "must map band letters to band letters");
        s->min_finish_tenths[letter[0] - 'A'] = er_sap_letter_floor(to[0]);
    }
    s->has_fps = true;
    return ER_OK;
}

/* An ISO date held in member `key` of `v`. */
static er_status iso_member(json_t *v, const char *key, er_date *out)
{
    const char *s = json_string_value(json_object_get(v, key));

    return s ? er_date_parse_iso(s, out) : ER_EPARSE;
}

static er_status dates(const struct loader *l, er_scheme *s)
{
    json_t *v;
    er_status rc = param(l, "completion_dates", true, &v);

    if (rc)
        return rc;
    if (iso_member(v, "from", &s->completion_from) ||
        iso_member(v, "to", &s->completion_to))
        return fail(l, "completion_dates", "needs \"from\" and \"to\" as YYYY-MM-DD");
    return ER_OK;
}

/* A share ("0.125") as parts per million of a whole, 0 when absent. */
static er_status share_param(const struct loader *l, const char *name, int64_t *ppm)
{
    er_q q, m;
    json_t *v;
    er_status rc = param(l, name, false, &v);

    *ppm = 0;
    if (rc || !v)
        return rc;
    if ((rc = decimal(l, name, v, &q)))
        return rc;
    if (er_q_mul(q, er_q_int(1000000), &m) || m.den != 1 || m.num < 0 || m.num > 1000000)
        return fail(l, name, "must be a share from \"0\" to \"1\" in at most 6 decimals");
    *ppm = m.num;
    return ER_OK;
}

/* An optional whole number from 0 to `max`, 0 when absent. */
static er_status count_param(const struct loader *l, const char *name, int64_t max, int64_t *out)
{
    json_t *v;
    er_status rc = param(l, name, false, &v);

    *out = 0;
    if (rc || !v)
        return rc;
    if (!json_is_integer(v) || json_integer_value(v) < 0 || json_integer_value(v) > max)
        return fail(l, name, "must be a whole number");
    *out = json_integer_value(v);
    return ER_OK;
}

/* An optional date YYYY-MM-DD, ER_DATE_NONE when absent. */
static er_status date_param(const struct loader *l, const char *name, er_date *out)
{
    json_t *v;
    er_status rc = param(l, name, false, &v);

    *out = ER_DATE_NONE;
    if (rc || !v)
        return rc;
    if (!json_is_string(v) || er_date_parse_iso(json_string_value(v), out))
        return fail(l, name, "must be a date YYYY-MM-DD");
    return ER_OK;
}

/* ECO4 Order art. 44: the final notification date and the automatic late
 * extension's months and share (a whole percentage). */
static er_status notification(const struct loader *l, er_scheme *s)
{
    er_q share, hundred;
    int64_t percent;
    json_t *v;
    er_status rc;

    if ((rc = date_param(l, "final_notification_date", &s->final_notification)))
        return rc;
    if ((rc = param(l, "late_extension_months", true, &v)))
        return rc;
    if (!json_is_integer(v) || json_integer_value(v) < 0 || json_integer_value(v) > 24)
        return fail(l, "late_extension_months", "must be a whole number of months");
    s->late_extension_months = (int)json_integer_value(v);
    if ((rc = decimal_param(l, "late_extension_share", true, &share)))
        return rc;
    if (er_q_mul(share, er_q_int(100), &hundred) || hundred.den != 1 ||
        (percent = hundred.num) < 0 || percent > 100)
        return fail(l, "late_extension_share", "must be a whole percentage, e.g. \"0.05\"");
    s->late_extension_percent = (int)percent;
    if ((rc = param(l, "pre_installation_epc_max_age_months", false, &v)))
        return rc;
    if (v && (!json_is_integer(v) || json_integer_value(v) < 1 || json_integer_value(v) > 120))
        return fail(l, "pre_installation_epc_max_age_months", "must be a whole number of months");
    s->epc_max_age_months = v ? (int)json_integer_value(v) : 0;
    return ER_OK;
}

/* GBIS0705's three dates of Ofgem's configuration (SchemeDetailsOptions:
 * StartDate, BackdatedInstallationsPeriodEndDateTime and
 * BackdatedInstallationsNotificationEndDateTime): optional, all or none. */
static er_status backdated(const struct loader *l, er_scheme *s)
{
    json_t *v;
    er_status rc;

    s->backdated_from = s->backdated_to = s->backdated_notify_by = ER_DATE_NONE;
    if ((rc = param(l, "backdated_installations", false, &v)) || !v)
        return rc;
    if (iso_member(v, "scheme_start", &s->backdated_from) ||
        iso_member(v, "period_end", &s->backdated_to) ||
        iso_member(v, "notification_end", &s->backdated_notify_by))
        return fail(l, "backdated_installations",
                    "needs \"scheme_start\", \"period_end\" and \"notification_end\" as "
                    "YYYY-MM-DD");
    return ER_OK;
}

/* GBIS: the first day of each of the three target years (seed 004 ch. 1). */
static er_status target_years(const struct loader *l, struct er_scheme_obligation *o)
{
    json_t *v;
    size_t i;
    er_status rc = param(l, "target_years", false, &v);

    for (i = 0; i < 3; i++)
        o->target_year_start[i] = ER_DATE_NONE;
    if (rc || !v)
        return rc;
    if (json_array_size(v) != 3)
        return fail(l, "target_years", "must list the first days of the 3 target years");
    for (i = 0; i < 3; i++)
        if (!json_is_string(json_array_get(v, i)) ||
            er_date_parse_iso(json_string_value(json_array_get(v, i)),
                              &o->target_year_start[i]) ||
            (i && o->target_year_start[i] <= o->target_year_start[i - 1]))
            return fail(l, "target_years", "must list 3 dates YYYY-MM-DD in order");
    return ER_OK;
}

/* Obligation accounting (issue 4, docs/ledger.md): the caps, the GBIS
 * shares and years, and the trading and transfer dates. */
static er_status obligation(const struct loader *l, er_scheme *s)
{
    struct er_scheme_obligation *o = &s->obligation;
    int64_t li_innovation, months;
    er_status rc;

    if ((rc = share_param(l, "partial_project_cap_share", &o->partial_projects_ppm)) ||
        (rc = share_param(l, "flexible_routes_cap_share", &o->flexible_routes_ppm)) ||
        (rc = share_param(l, "building_fabric_repair_cap_share", &o->building_fabric_repair_ppm)) ||
        (rc = share_param(l, "innovation_cap_share", &o->innovation_ppm)) ||
        (rc = share_param(l, "low_income_minimum_share", &o->low_income_minimum_ppm)) ||
        (rc = share_param(l, "flex_share_of_low_income_max", &o->flex_of_low_income_ppm)) ||
        (rc = share_param(l, "innovation_cap_share_of_low_income_minimum", &li_innovation)) ||
        (rc = share_param(l, "carry_under_max_share", &o->carry_under_ppm)) ||
        (rc = count_param(l, "data_light_per_description_max", INT32_MAX,
                          &o->data_light_per_description)) ||
        (rc = count_param(l, "trading_window_months", 12, &months)) ||
        (rc = date_param(l, "obligation_trading_closes", &o->trading_closes)) ||
        (rc = date_param(l, "transfer_deadline", &o->transfer_before)) || (rc = target_years(l, o)))
        return rc;
    o->trading_window_months = (int)months;
    /* ECO4 art. 60 caps each innovation measure description apart */
    o->innovation_per_description = o->innovation_ppm != 0;
    /* GBIS Order art. 31: a share of the low-income minimum, itself a share
     * of the target: as a share of the obligation, rounded down */
    if (li_innovation)
        o->innovation_ppm = li_innovation * o->low_income_minimum_ppm / 1000000;
    return ER_OK;
}

static er_status parameters(const struct loader *l, er_scheme *s)
{
    er_status rc;

    s->flex_route4_uplift = er_q_int(0);
    if ((rc = floor_area_factor(l, s)) ||
        (rc = decimal_param(l, "declaration_c", true, &s->declaration_c)) ||
        (rc = rural(l, s)) ||
        (rc = decimal_param(l, "pps_deflator", true, &s->pps_deflator)) ||
        (rc = decimal_param(l, "innovation_standard", true, &s->innovation_standard)) ||
        (rc = decimal_param(l, "innovation_substantial", true, &s->innovation_substantial)) ||
        (rc = decimal_param(l, "flex_route4_uplift", false, &s->flex_route4_uplift)) ||
        (rc = popt(l, s)) || (rc = fps_rules(l, s)) || (rc = dates(l, s)) ||
        (rc = notification(l, s)) || (rc = backdated(l, s)) || (rc = obligation(l, s)))
        return rc;
    return ER_OK;
}

/* An optional date: null is an open end. */
static er_status open_date(json_t *v, er_date *out)
{
    if (!v || json_is_null(v)) {
        *out = ER_DATE_NONE;
        return ER_OK;
    }
    if (!json_is_string(v))
        return ER_EPARSE;
    return er_date_parse_iso(json_string_value(v), out);
}

static er_status matrices(const struct loader *l, const char *datadir,
                          json_t *list, er_scheme *s)
{
    char path[4096];
    json_t *m;
    size_t i;

    if (!json_is_array(list) || json_array_size(list) == 0)
        return fail(l, "matrices", "must list at least one matrix");
    json_array_foreach(list, i, m) {
        const char *kind_s = json_string_value(json_object_get(m, "kind"));
        const char *file = json_string_value(json_object_get(m, "file"));
        const char *version = json_string_value(json_object_get(m, "version"));
        er_matrix_kind kind;
        er_date from, to;
        er_matrix *mx;
        er_status rc;

        if (!kind_s || er_matrix_kind_parse(kind_s, &kind) || !file || !version ||
            !json_is_string(json_object_get(m, "source")) ||
            open_date(json_object_get(m, "valid_from"), &from) ||
            open_date(json_object_get(m, "valid_to"), &to))
            return fail(l, "matrices", "entries need kind, file, version, source "
                                       "and valid_from/valid_to (YYYY-MM-DD or null)");
        if ((size_t)snprintf(path, sizeof path, "%s/%s", datadir, file) >= sizeof path)
            return fail(l, "matrices", "has a file path that is too long");
        if ((rc = er_matrix_load_csv(path, kind, version, from, to, &mx, l->err)))
            return rc;
        if ((rc = er_scheme_add_matrix(s, mx)))
            return fail(l, "matrices", "lists too many versions");
    }
    return ER_OK;
}

static er_status proxies(const struct loader *l, json_t *table, er_scheme *s)
{
    json_t *list = json_object_get(table, "value"), *p;
    size_t i;

    if (!table)
        return ER_OK;
    if (!json_is_string(json_object_get(table, "source")) || !json_is_array(list))
        return fail(l, "heat_source_proxies", "needs a \"source\" and a \"value\" list");
    s->proxies = er_calloc(json_array_size(list) + 1, sizeof *s->proxies);
    if (!s->proxies)
        return er_error_set(l->err, ER_ENOMEM, 0, "", "out of memory");
    json_array_foreach(list, i, p) {
        const char *rare = json_string_value(json_object_get(p, "rare"));
        const char *proxy = json_string_value(json_object_get(p, "proxy"));

        if (!rare || !proxy || !json_is_string(json_object_get(p, "source")) ||
            strlen(rare) >= ER_MATRIX_NAME_MAX || strlen(proxy) >= ER_MATRIX_NAME_MAX)
            return fail(l, "heat_source_proxies", "entries need rare, proxy and source");
        snprintf(s->proxies[i].rare, sizeof s->proxies[i].rare, "%s", rare);
        snprintf(s->proxies[i].proxy, sizeof s->proxies[i].proxy, "%s", proxy);
        s->n_proxies++;
    }
    return ER_OK;
}

/* Every member of `params` is {"value": ..., "source": "..."}: the check
 * covers parameters no rule reads yet, so none enters the file uncited. */
static er_status all_cited(const struct loader *l, json_t *params)
{
    const char *name;
    json_t *p, *src;

    if (!json_is_object(params))
        return fail(l, "parameters", "must be an object");
    json_object_foreach(params, name, p) {
        src = json_object_get(p, "source");
        if (!json_is_string(src) || json_string_length(src) == 0)
            return fail(l, name, "has no \"source\" (every parameter cites one)");
        if (!json_object_get(p, "value"))
            return fail(l, name, "has no \"value\"");
    }
    return ER_OK;
}

/* Checks the base set and every alternative, used or not. */
static er_status check_citations(const struct loader *l, json_t *root)
{
    json_t *alt;
    const char *name;
    er_status rc = all_cited(l, l->base);

    json_object_foreach(json_object_get(root, "alternatives"), name, alt)
        if (!rc)
            rc = all_cited(l, json_object_get(alt, "parameters"));
    return rc;
}

/* Picks the alternative set `set`, or none for "enacted". */
static er_status choose_set(struct loader *l, json_t *root, const char *set)
{
    json_t *alt;

    l->override = NULL;
    if (strcmp(set, "enacted") == 0)
        return ER_OK;
    alt = json_object_get(json_object_get(root, "alternatives"), set);
    if (!alt)
        return er_error_set(l->err, ER_EINVAL, 0, "parameter_set",
                            "%s has no parameter set \"%s\"", l->path, set);
    l->override = json_object_get(alt, "parameters");
    return ER_OK;
}

/* Reads data/schemes/<name>.json under `datadir` into *root (json_decref
 * it), l->path into path[size] and l->base, each parameter checked for its
 * source. */
static er_status open_file(const char *datadir, const char *name, char *path, size_t size,
                           struct loader *l, json_t **root)
{
    json_error_t jerr;
    er_status rc;

    l->path = path;
    if ((size_t)snprintf(path, size, "%s/schemes/%s.json", datadir, name) >= size)
        return er_error_set(l->err, ER_EINVAL, 0, "", "data directory path is too long");
    if (!(*root = json_load_file(path, 0, &jerr)))
        return er_error_set(l->err, ER_EPARSE, jerr.line, "", "%s: %s", path, jerr.text);
    l->base = json_object_get(*root, "parameters");
    if ((rc = check_citations(l, *root)) != ER_OK) {
        json_decref(*root);
        *root = NULL;
    }
    return rc;
}

er_status er_scheme_load(const char *datadir, er_scheme_id id, const char *set,
                         er_scheme *out, er_error *err)
{
    char path[4096];
    struct loader l = { .path = path, .err = err };
    json_t *root;
    er_status rc;

    memset(out, 0, sizeof *out);
    out->id = id;
    set = set ? set : "enacted";
    snprintf(out->parameter_set, sizeof out->parameter_set, "%s", set);
    if ((rc = open_file(datadir, id == ER_SCHEME_ECO4 ? "eco4" : "gbis", path, sizeof path, &l,
                        &root)) != ER_OK)
        return rc;
    rc = choose_set(&l, root, set);
    if (!rc)
        rc = parameters(&l, out);
    if (!rc)
        rc = matrices(&l, datadir, json_object_get(root, "matrices"), out);
    if (!rc)
        rc = proxies(&l, json_object_get(root, "heat_source_proxies"), out);
    json_decref(root);
    if (rc)
        er_scheme_clear(out);
    out->id = id;
    return rc;
}

er_status er_chmm_rules_load(const char *datadir, er_chmm_rules *out, er_error *err)
{
    char path[4096], tail;
    struct loader l = { .err = err };
    json_t *root, *v;
    int64_t days;
    er_q kw, w, hybrid, milli;
    er_status rc;

    memset(out, 0, sizeof *out);
    if ((rc = open_file(datadir, "chmm", path, sizeof path, &l, &root)) != ER_OK)
        return rc;
    if (!(rc = decimal_param(&l, "capacity_max_kw", true, &kw)) &&
        (er_q_mul(kw, er_q_int(1000), &w) || w.den != 1 || w.num <= 0))
        rc = fail(&l, "capacity_max_kw", "must be kW above 0 in at most 3 decimals");
    if (!rc && !(rc = decimal_param(&l, "hybrid_credit", true, &hybrid)) &&
        (er_q_mul(hybrid, er_q_int(1000), &milli) || milli.den != 1 || milli.num < 0 ||
         milli.num > 1000))
        rc = fail(&l, "hybrid_credit", "must be a share of a credit, 0 to 1, in thousandths");
    if (!rc)
        rc = count_param(&l, "duplicate_window_days", 36600, &days);
    if (!rc && !(rc = param(&l, "scheme_year_start", true, &v)) &&
        (!json_is_string(v) ||
         sscanf(json_string_value(v), "%2d-%2d%c", &out->year_start_month, &out->year_start_day,
                &tail) != 2 ||
         out->year_start_month < 1 || out->year_start_month > 12 || out->year_start_day < 1 ||
         out->year_start_day > 28))
        rc = fail(&l, "scheme_year_start", "must be \"MM-DD\" (a day from 1 to 28)");
    json_decref(root);
    if (rc)
        return rc;
    out->capacity_max_w = w.num;
    out->hybrid_milli = milli.num;
    out->duplicate_window_days = (int)days;
    return ER_OK;
}

/* The conformity assessment rules (protect.h): each parameter of
 * data/schemes/chmm.json, where it goes and its largest value.  Seed 000
 * "Frequency of conformity assessment" names the factors and leaves the
 * method to the scheme: the file's sources say so. */
static const struct {
    const char *name;
    size_t offset;
    int64_t max;
} assessment_params[] = {
    { "risk_base", offsetof(er_assessment_rules, weights.base), 1000000 },
    { "risk_per_complaint", offsetof(er_assessment_rules, weights.per_complaint), 1000000 },
    { "risk_per_year_unassessed", offsetof(er_assessment_rules, weights.per_year_unassessed),
      1000000 },
    { "risk_never_assessed", offsetof(er_assessment_rules, weights.never_assessed), 1000000 },
    { "risk_last_nonconforming", offsetof(er_assessment_rules, weights.last_nonconforming),
      1000000 },
    { "risk_per_nonconformity", offsetof(er_assessment_rules, weights.per_nonconformity), 1000000 },
    { "assessment_sample_permille", offsetof(er_assessment_rules, sample_permille), 1000 },
};

er_status er_assessment_rules_load(const char *datadir, er_assessment_rules *out, er_error *err)
{
    char path[4096];
    struct loader l = { .err = err };
    json_t *root, *v;
    int64_t n;
    size_t i;
    er_status rc;

    memset(out, 0, sizeof *out);
    if ((rc = open_file(datadir, "chmm", path, sizeof path, &l, &root)) != ER_OK)
        return rc;
    for (i = 0; !rc && i < sizeof assessment_params / sizeof assessment_params[0]; i++)
        if (!(rc = param(&l, assessment_params[i].name, true, &v)) &&
            !(rc = count_param(&l, assessment_params[i].name, assessment_params[i].max, &n)))
            *(int *)((char *)out + assessment_params[i].offset) = (int)n;
    json_decref(root);
    if (rc)
        memset(out, 0, sizeof *out);
    return rc;
}

const char *er_datadir(const char *override)
{
    const char *env = getenv("ECOREG_DATA");

    if (override && *override)
        return override;
    if (env && *env)
        return env;
    return ECOREG_DATADIR;
}
