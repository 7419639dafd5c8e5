/*
 * quote_json.c: one quote request in JSON to one result line in JSON
 * (DESIGN.md "Interfaces other tools rely on": ecoreg quote).
 *
 * Parsing only checks each field's shape and turns it into the core's
 * er_quote_input; er_quote_project() decides.  Every problem becomes an
 * entry of the result's `errors` naming the field, so a caller fixing a
 * file of thousands of projects sees all of them at once.  Pounds are
 * rounded to pennies, half away from zero, only here, at the end.
 */
#include "ecoreg/io.h"

#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/** Most measures one project may list (a stated maximum on input). */
#define QUOTE_MEASURES_MAX 64

/* A request being parsed: the input it fills and the errors it finds. */
struct request {
    er_quote_input in;
    er_quote_measure measures[QUOTE_MEASURES_MAX];
    bool measure_bad[QUOTE_MEASURES_MAX]; /* a field of it failed to parse */
    er_scheme_id scheme;
    json_t *project_id; /* borrowed from the parsed document */
    json_t *errors;     /* array of {field, message} */
};

static void add_error(struct request *r, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void add_error(struct request *r, const char *field, const char *fmt, ...)
{
    char msg[ER_ERROR_MESSAGE_MAX];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    json_array_append_new(r->errors, json_pack("{s:s, s:s}", "field", field,
                                               "message", msg));
}

/* An optional boolean member; false when absent. */
static bool flag(struct request *r, json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);

    if (!v || json_is_null(v))
        return false;
    if (!json_is_boolean(v))
        add_error(r, key, "must be true or false");
    return json_is_true(v);
}

/* An optional string member; `dflt` when absent. */
static const char *text(struct request *r, json_t *o, const char *key,
                        const char *field, const char *dflt)
{
    json_t *v = json_object_get(o, key);

    if (!v || json_is_null(v))
        return dflt;
    if (!json_is_string(v) || json_string_length(v) == 0 ||
        json_string_length(v) >= ER_MATRIX_NAME_MAX) {
        add_error(r, field, "must be a text of 1 to %d characters", ER_MATRIX_NAME_MAX - 1);
        return NULL;
    }
    return json_string_value(v);
}

/* A SAP rating member into tenths; -1 when absent and optional. */
static int sap(struct request *r, json_t *o, const char *key, bool required)
{
    json_t *v = json_object_get(o, key);
    int tenths;

    if (!v || json_is_null(v)) {
        if (required)
            add_error(r, key, "is required");
        return -1;
    }
    if (!json_is_number(v) || er_sap_tenths(json_number_value(v), &tenths)) {
        add_error(r, key, "must be a SAP rating from 1 to 200 with at most one decimal place");
        return -1;
    }
    return tenths;
}

/* POPT: "67+" or a whole percentage 1-100 (67 and above count in full). */
static er_popt popt(struct request *r, json_t *v, const char *field)
{
    er_popt p = { .full = true, .percent = 100 };

    if (!v || json_is_null(v) || (json_is_string(v) && strcmp(json_string_value(v), "67+") == 0))
        return p;
    if (json_is_integer(v) && json_integer_value(v) >= 1 && json_integer_value(v) <= 100) {
        p.full = false;
        p.percent = (int)json_integer_value(v);
        return p;
    }
    add_error(r, field, "must be a whole percentage 1-66 or \"67+\"");
    return p;
}

/* An enumerated text member: the index of its value in `names`. */
static int choice(struct request *r, json_t *o, const char *key, const char *field,
                  const char *const names[3])
{
    json_t *v = json_object_get(o, key);
    int i;

    if (!v || json_is_null(v))
        return 0;
    for (i = 0; json_is_string(v) && i < 3; i++)
        if (strcmp(json_string_value(v), names[i]) == 0)
            return i;
    add_error(r, field, "must be \"%s\", \"%s\" or \"%s\"", names[0], names[1], names[2]);
    return 0;
}

static void measure(struct request *r, json_t *m, size_t i)
{
    static const char *const innovations[] = { "none", "standard", "substantial" };
    static const char *const methods[] = { "standard", "alternative", "data_light" };
    er_quote_measure *q = &r->measures[i];
    char field[ER_ERROR_FIELD_MAX];

#define FIELD(name) (snprintf(field, sizeof field, "measures[%zu].%s", i, name), field)
    if (!json_is_object(m)) {
        snprintf(field, sizeof field, "measures[%zu]", i);
        add_error(r, field, "must be an object");
        return;
    }
    q->mrn = text(r, m, "mrn", FIELD("mrn"), NULL);
    q->measure_type = text(r, m, "measure_type", FIELD("measure_type"), "");
    q->pre_heating = text(r, m, "pre_main_heating_source",
                          FIELD("pre_main_heating_source"), ER_MATRIX_NA);
    q->post_heating = text(r, m, "post_main_heating_source",
                           FIELD("post_main_heating_source"), ER_MATRIX_NA);
    q->popt = popt(r, json_object_get(m, "popt"), FIELD("popt"));
    q->innovation = (er_innovation)choice(r, m, "innovation", FIELD("innovation"),
                                          innovations);
    q->method = (er_methodology)choice(r, m, "methodology", FIELD("methodology"),
                                       methods);
#undef FIELD
}

static void scheme_of(struct request *r, const er_quote_env *env, json_t *doc)
{
    json_t *v = json_object_get(doc, "scheme");
    er_scheme_id id;

    r->scheme = env->scheme;
    if (!v || json_is_null(v))
        return;
    if (!json_is_string(v) || er_scheme_parse(json_string_value(v), &id)) {
        add_error(r, "scheme", "must be \"ECO4\" or \"GBIS\"");
        return;
    }
    if (env->scheme_given && id != env->scheme)
        add_error(r, "scheme", "is %s but --scheme %s was given", er_scheme_name(id),
                  er_scheme_name(env->scheme));
    r->scheme = id;
}

static void project(struct request *r, const er_quote_env *env, json_t *doc)
{
    json_t *v, *m;
    size_t i;

    scheme_of(r, env, doc);
    v = json_object_get(doc, "floor_area");
    if (!json_is_number(v) || json_number_value(v) <= 0)
        add_error(r, "floor_area", "must be a number above 0 (m2)");
    r->in.floor_area = json_is_number(v) ? json_number_value(v) : 0;
    r->in.starting_sap_tenths = sap(r, doc, "starting_sap", true);
    r->in.finishing_sap_tenths = sap(r, doc, "finishing_sap", false);
    v = json_object_get(doc, "nation");
    if (v && !json_is_null(v) &&
        (!json_is_string(v) || er_nation_parse(json_string_value(v), &r->in.nation)))
        add_error(r, "nation", "must be \"England\", \"Scotland\" or \"Wales\"");
    r->in.rural = flag(r, doc, "rural");
    r->in.off_gas = flag(r, doc, "off_gas");
    r->in.declaration_route = flag(r, doc, "declaration_route");
    r->in.flex_route4 = flag(r, doc, "flex_route4");
    r->in.completion = ER_DATE_NONE;
    v = json_object_get(doc, "completion_date");
    if (v && !json_is_null(v) &&
        (!json_is_string(v) || er_date_parse_iso(json_string_value(v), &r->in.completion)))
        add_error(r, "completion_date", "must be a date YYYY-MM-DD");
    v = json_object_get(doc, "measures");
    if (!json_is_array(v) || json_array_size(v) == 0 ||
        json_array_size(v) > QUOTE_MEASURES_MAX) {
        add_error(r, "measures", "must be a list of 1 to %d measures", QUOTE_MEASURES_MAX);
        return;
    }
    json_array_foreach(v, i, m) {
        size_t before = json_array_size(r->errors);

        measure(r, m, i);
        r->measure_bad[i] = json_array_size(r->errors) > before;
    }
    r->in.n_measures = json_array_size(v);
    r->in.measures = r->measures;
}

/* Pounds, rounded to pennies half away from zero, as a JSON number. */
static json_t *money(er_q q, er_status *rc)
{
    int64_t pennies = 0;

    if (!*rc)
        *rc = er_q_round(q, 100, &pennies);
    return json_real((double)pennies / 100.0);
}

static json_t *band_or_null(er_band b)
{
    return b == ER_BAND_NONE ? json_null() : json_string(er_band_name(b));
}

static json_t *render_measures(const struct request *r, const er_quote_result *res,
                               er_status *rc)
{
    json_t *list = json_array();
    size_t i;

    for (i = 0; i < r->in.n_measures; i++) {
        const er_quote_measure *m = &r->measures[i];
        er_quote_measure_result mr_ok = res->measures[i];
        const er_quote_measure_result *mr = &mr_ok;

        if (r->measure_bad[i])
            mr_ok.scored = false; /* scored with a default in place of a bad field */

        json_array_append_new(list, json_pack(
            "{s:o, s:o, s:o, s:o}",
            "mrn", m->mrn ? json_string(m->mrn) : json_null(),
            "measure_type", m->measure_type ? json_string(m->measure_type) : json_null(),
            "cost_savings", mr->scored ? money(mr->cost_savings, rc) : json_null(),
            "partial_project_score",
            mr->scored ? money(mr->partial_project_score, rc) : json_null()));
    }
    return list;
}

/* True when parsing already reported a problem with `field` or with the
 * object holding it ("measures[1]" covers "measures[1].measure_type"). */
static bool reported(const struct request *r, const char *field)
{
    size_t i, n;
    json_t *e;

    json_array_foreach(r->errors, i, e) {
        const char *f = json_string_value(json_object_get(e, "field"));

        n = strlen(f);
        if (strncmp(f, field, n) == 0 && (field[n] == '\0' || (n && field[n] == '.')))
            return true;
    }
    return false;
}

static json_t *render(struct request *r, const er_quote_result *res, er_status *rc)
{
    size_t i, n = res->n_errors < ER_QUOTE_ERRORS_MAX ? res->n_errors : ER_QUOTE_ERRORS_MAX;

    for (i = 0; i < n; i++)
        if (!reported(r, res->errors[i].field))
            add_error(r, res->errors[i].field, "%s", res->errors[i].message);
    if (res->n_errors > n)
        add_error(r, "", "%zu more errors not shown", res->n_errors - n);
    return json_pack(
        "{s:O, s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:O}",
        "project_id", r->project_id ? r->project_id : json_null(),
        "scheme", er_scheme_name(r->scheme),
        "starting_band", band_or_null(res->starting_band),
        "finishing_band", band_or_null(res->finishing_band),
        "floor_area_segment", res->segment == ER_SEGMENT_NONE ?
            json_null() : json_string(er_segment_name(res->segment)),
        "floor_area_factor", res->segment == ER_SEGMENT_NONE ?
            json_null() : json_real(er_q_to_double(res->floor_area_factor)),
        "minimum_requirement_met", res->minimum_requirement_met < 0 ?
            json_null() : json_boolean(res->minimum_requirement_met),
        "full_project_score", res->has_fps ? money(res->full_project_score, rc) : json_null(),
        "measures", render_measures(r, res, rc),
        "partial_project_score_total", res->has_pps_total ? money(res->pps_total, rc) : json_null(),
        "score", res->has_score ? money(res->score, rc) : json_null(),
        "errors", r->errors);
}

er_status er_quote_json(const er_quote_env *env, const char *json, size_t len,
                        char **out, bool *had_errors)
{
    er_quote_measure_result results[QUOTE_MEASURES_MAX] = { { 0 } };
    er_quote_result res = { .measures = results };
    struct request r;
    json_error_t jerr;
    json_t *doc, *line = NULL;
    er_status rc = ER_OK;

    memset(&r, 0, sizeof r);
    *out = NULL;
    r.scheme = env->scheme;
    r.errors = json_array();
    doc = json_loadb(json, len, JSON_REJECT_DUPLICATES, &jerr);
    if (!doc)
        add_error(&r, "", "malformed JSON at column %d: %s", jerr.column, jerr.text);
    else if (!json_is_object(doc))
        add_error(&r, "", "a project must be a JSON object");
    else {
        r.project_id = json_object_get(doc, "project_id");
        project(&r, env, doc);
    }
    memset(&res, 0, sizeof res);
    res.measures = results;
    res.starting_band = res.finishing_band = ER_BAND_NONE;
    res.segment = ER_SEGMENT_NONE;
    res.minimum_requirement_met = -1;
    if (doc && json_is_object(doc)) { /* also after field errors: report every problem */
        if (!env->schemes[r.scheme])
            add_error(&r, "scheme", "%s is not loaded", er_scheme_name(r.scheme));
        else if (er_quote_project(env->schemes[r.scheme], &r.in, &res) == ER_ERANGE)
            rc = ER_ERANGE;
        if (json_array_size(r.errors) > 0) /* defaults stood in for bad fields */
            res.has_score = res.has_fps = res.has_pps_total = false;
    }
    line = render(&r, &res, &rc);
    if (line && !rc)
        *out = json_dumps(line, JSON_COMPACT | JSON_REAL_PRECISION(15));
    *had_errors = json_array_size(r.errors) > 0 || !res.has_score;
    json_decref(line);
    json_decref(r.errors);
    json_decref(doc);
    if (rc)
        return rc;
    return *out ? ER_OK : ER_ENOMEM;
}
