/*
 * quote_json.c: one quote request in JSON to one result line in JSON
 * (DESIGN.md "Interfaces other tools rely on": ecoreg quote).
 *
 * Parsing only checks each field's shape and turns it into the core's
 * er_quote_input; er_quote_project() decides.  Every problem becomes an
 * entry of the result's `errors` naming the field, so a caller fixing a
 * file of thousands of projects sees all of them at once.  Pounds are
 * rounded to pennies, half away from zero, only here, at the end.
 *
 * Requests are read with cJSON rather than the project's usual jansson:
 * jansson's parser alone caps `ecoreg quote` near 155,000 projects a second
 * where the target is 100,000 end to end (docs/performance.md).  What
 * jansson checked and cJSON does not, this file checks: the bytes are
 * UTF-8, and no object repeats a member.
 */
#define _GNU_SOURCE 1 /* memmem */
#include "ecoreg/io.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stddef.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "ecoreg/alloc.h"
#include "ecoreg/jsonw.h"

/** Most measures one project may list (a stated maximum on input). */
#define QUOTE_MEASURES_MAX 64

/* A request being read: the input it fills and the errors it finds. */
struct request {
    er_quote_input in;
    er_quote_measure measures[QUOTE_MEASURES_MAX];
    bool measure_bad[QUOTE_MEASURES_MAX]; /* a field of it failed to parse */
    er_scheme_id scheme;
    const cJSON *project_id; /* borrowed from the parsed document */
    size_t n_errors;         /* found; the first ER_QUOTE_ERRORS_MAX are kept */
    er_error errors[ER_QUOTE_ERRORS_MAX];
};

static void add_error(struct request *r, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void add_error(struct request *r, const char *field, const char *fmt, ...)
{
    er_error *e;
    va_list ap;

    if (r->n_errors++ >= ER_QUOTE_ERRORS_MAX)
        return;
    e = &r->errors[r->n_errors - 1];
    snprintf(e->field, sizeof e->field, "%s", field);
    va_start(ap, fmt);
    vsnprintf(e->message, sizeof e->message, fmt, ap);
    va_end(ap);
}

/* An error on member `key` of measure i; the path is formatted only here,
 * when there is an error (formatting it for every member cost 7%). */
static void measure_error(struct request *r, size_t i, const char *key, const char *msg)
{
    char field[ER_ERROR_FIELD_MAX];

    snprintf(field, sizeof field, "measures[%zu].%s", i, key);
    add_error(r, field, "%s", msg);
}

/* The member `key` of `o`, NULL when absent or null. */
static const cJSON *member(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

    return cJSON_IsNull(v) ? NULL : v;
}

/* The first member name `o` repeats, or NULL (jansson refused these). */
static const char *repeated_member(const cJSON *o)
{
    const cJSON *a, *b;

    for (a = o->child; a; a = a->next)
        for (b = a->next; b; b = b->next)
            if (strcmp(a->string, b->string) == 0)
                return a->string;
    return NULL;
}

/* An optional boolean member; false when absent. */
static bool flag(struct request *r, const cJSON *o, const char *key)
{
    const cJSON *v = member(o, key);

    if (v && !cJSON_IsBool(v))
        add_error(r, key, "must be true or false");
    return cJSON_IsTrue(v);
}

/* An optional text member of measure i; `dflt` when absent. */
static const char *text(struct request *r, const cJSON *o, size_t i, const char *key,
                        const char *dflt)
{
    const cJSON *v = member(o, key);
    size_t n;

    if (!v)
        return dflt;
    n = cJSON_IsString(v) ? strlen(v->valuestring) : 0;
    if (n == 0 || n >= ER_MATRIX_NAME_MAX) {
        measure_error(r, i, key, "must be a text of 1 to 95 characters");
        return NULL;
    }
    return v->valuestring;
}

/* A SAP rating member into tenths; -1 when absent and optional. */
static int sap(struct request *r, const cJSON *o, const char *key, bool required)
{
    const cJSON *v = member(o, key);
    int tenths;

    if (!v) {
        if (required)
            add_error(r, key, "is required");
        return -1;
    }
    if (!cJSON_IsNumber(v) || er_sap_tenths(v->valuedouble, &tenths)) {
        add_error(r, key, "must be a SAP rating from 1 to 200 with at most one decimal place");
        return -1;
    }
    return tenths;
}

/* POPT: "67+" or a whole percentage 1-100 (67 and above count in full). */
static er_popt popt(struct request *r, const cJSON *m, size_t i)
{
    const cJSON *v = member(m, "popt");
    er_popt p = { .full = true, .percent = 100 };

    if (!v || (cJSON_IsString(v) && strcmp(v->valuestring, "67+") == 0))
        return p;
    if (cJSON_IsNumber(v) && v->valuedouble >= 1 && v->valuedouble <= 100 &&
        v->valuedouble == floor(v->valuedouble)) {
        p.full = false;
        p.percent = (int)v->valuedouble;
        return p;
    }
    measure_error(r, i, "popt", "must be a whole percentage 1-66 or \"67+\"");
    return p;
}

/* An enumerated text member of measure i: the index of its value in `names`. */
static int choice(struct request *r, const cJSON *m, size_t i, const char *key,
                  const char *const names[3])
{
    const cJSON *v = member(m, key);
    char msg[ER_ERROR_MESSAGE_MAX];
    int k;

    if (!v)
        return 0;
    for (k = 0; cJSON_IsString(v) && k < 3; k++)
        if (strcmp(v->valuestring, names[k]) == 0)
            return k;
    snprintf(msg, sizeof msg, "must be \"%s\", \"%s\" or \"%s\"", names[0], names[1], names[2]);
    measure_error(r, i, key, msg);
    return 0;
}

static void measure(struct request *r, const cJSON *m, size_t i)
{
    static const char *const innovations[] = { "none", "standard", "substantial" };
    static const char *const methods[] = { "standard", "alternative", "data_light" };
    er_quote_measure *q = &r->measures[i];
    char field[ER_ERROR_FIELD_MAX];
    const char *dup;

    snprintf(field, sizeof field, "measures[%zu]", i);
    if (!cJSON_IsObject(m)) {
        add_error(r, field, "must be an object");
        return;
    }
    if ((dup = repeated_member(m)) != NULL) {
        add_error(r, field, "repeats the member \"%.60s\"", dup);
        return;
    }
    q->mrn = text(r, m, i, "mrn", NULL);
    q->measure_type = text(r, m, i, "measure_type", "");
    q->pre_heating = text(r, m, i, "pre_main_heating_source", ER_MATRIX_NA);
    q->post_heating = text(r, m, i, "post_main_heating_source", ER_MATRIX_NA);
    q->popt = popt(r, m, i);
    q->innovation = (er_innovation)choice(r, m, i, "innovation", innovations);
    q->method = (er_methodology)choice(r, m, i, "methodology", methods);
}

static void scheme_of(struct request *r, const er_quote_env *env, const cJSON *doc)
{
    const cJSON *v = member(doc, "scheme");
    er_scheme_id id;

    r->scheme = env->scheme;
    if (!v)
        return;
    if (!cJSON_IsString(v) || er_scheme_parse(v->valuestring, &id)) {
        add_error(r, "scheme", "must be \"ECO4\" or \"GBIS\"");
        return;
    }
    if (env->scheme_given && id != env->scheme)
        add_error(r, "scheme", "is %s but --scheme %s was given", er_scheme_name(id),
                  er_scheme_name(env->scheme));
    r->scheme = id;
}

/* An optional text member parsed by `parse`; `what` describes it. */
static void parsed(struct request *r, const cJSON *doc, const char *key, const char *what,
                   er_status (*parse)(const char *, void *), void *out)
{
    const cJSON *v = member(doc, key);

    if (v && (!cJSON_IsString(v) || parse(v->valuestring, out)))
        add_error(r, key, "must be %s", what);
}

static er_status parse_nation(const char *s, void *out)
{
    return er_nation_parse(s, out);
}

static er_status parse_date(const char *s, void *out)
{
    return er_date_parse_iso(s, out);
}

static void project(struct request *r, const er_quote_env *env, const cJSON *doc)
{
    const cJSON *v, *m;
    size_t i = 0;

    scheme_of(r, env, doc);
    v = member(doc, "floor_area");
    if (!cJSON_IsNumber(v) || v->valuedouble <= 0)
        add_error(r, "floor_area", "must be a number above 0 (m2)");
    r->in.floor_area = cJSON_IsNumber(v) ? v->valuedouble : 0;
    r->in.starting_sap_tenths = sap(r, doc, "starting_sap", true);
    r->in.finishing_sap_tenths = sap(r, doc, "finishing_sap", false);
    parsed(r, doc, "nation", "\"England\", \"Scotland\" or \"Wales\"", parse_nation,
           &r->in.nation);
    r->in.rural = flag(r, doc, "rural");
    r->in.off_gas = flag(r, doc, "off_gas");
    r->in.declaration_route = flag(r, doc, "declaration_route");
    r->in.flex_route4 = flag(r, doc, "flex_route4");
    r->in.completion = ER_DATE_NONE;
    parsed(r, doc, "completion_date", "a date YYYY-MM-DD", parse_date, &r->in.completion);
    v = member(doc, "measures");
    if (!cJSON_IsArray(v) || !v->child || cJSON_GetArraySize(v) > QUOTE_MEASURES_MAX) {
        add_error(r, "measures", "must be a list of 1 to %d measures", QUOTE_MEASURES_MAX);
        return;
    }
    for (m = v->child; m; m = m->next, i++) {
        size_t before = r->n_errors;

        measure(r, m, i);
        r->measure_bad[i] = r->n_errors > before;
    }
    r->in.n_measures = i;
    r->in.measures = r->measures;
}

/* Offset of the first byte of s[0..n) that is not valid UTF-8, or n. */
static size_t utf8_valid_prefix(const unsigned char *s, size_t n)
{
    size_t i = 0;

    while (i < n) {
        unsigned c = s[i], need, cp, k;

        if (c < 0x80) {
            i++;
            continue;
        }
        need = c >= 0xf0 ? 3 : c >= 0xe0 ? 2 : c >= 0xc2 ? 1 : 0;
        if (!need || c > 0xf4 || n - i <= need)
            return i;
        cp = c & (0x3f >> need);
        for (k = 1; k <= need; k++) {
            if ((s[i + k] & 0xc0) != 0x80)
                return i;
            cp = cp << 6 | (s[i + k] & 0x3f);
        }
        /* overlong forms, surrogates and code points past U+10FFFF */
        if ((need == 2 && cp < 0x800) || (need == 3 && cp < 0x10000) || cp > 0x10ffff ||
            (cp >= 0xd800 && cp <= 0xdfff))
            return i;
        i += need + 1;
    }
    return n;
}

/* True when json[0..len) escapes a NUL character (\u0000) inside a
 * string: cJSON would silently cut the string there; jansson refused it. */
static bool escapes_nul(const char *json, size_t len)
{
    const char *p = json, *end = json + len;

    while ((p = memmem(p, (size_t)(end - p), "u0000", 5)) != NULL) {
        size_t slashes = 0;

        while (p - slashes > json && p[-1 - (ptrdiff_t)slashes] == '\\')
            slashes++;
        if (slashes % 2 == 1)
            return true;
        p += 5;
    }
    return false;
}

/* Set when an allocation of cJSON's fails, so that a parse cut short by
 * memory is not reported as malformed JSON. */
static _Thread_local bool parse_oom;

static void *hook_malloc(size_t n)
{
    void *p = er_malloc(n);

    parse_oom |= p == NULL;
    return p;
}

/* cJSON's allocations go through ecoreg's allocation hook too. */
static void install_hooks(void)
{
    cJSON_Hooks hooks = { hook_malloc, er_free };

    cJSON_InitHooks(&hooks);
}

/* Parses json[0..len) into *doc, or reports why it cannot; ER_ENOMEM
 * when memory ran out. */
static er_status read_document(struct request *r, const char *json, size_t len, cJSON **doc)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    size_t bad = utf8_valid_prefix((const unsigned char *)json, len);
    const char *end = NULL;
    const char *dup;

    pthread_once(&once, install_hooks);
    *doc = NULL;
    if (bad < len) {
        add_error(r, "", "malformed JSON at byte %zu: not valid UTF-8", bad + 1);
        return ER_OK;
    }
    if (escapes_nul(json, len)) {
        add_error(r, "", "malformed JSON: \\u0000 is not allowed in a string");
        return ER_OK;
    }
    parse_oom = false;
    *doc = cJSON_ParseWithLengthOpts(json, len, &end, false);
    if (parse_oom) {
        cJSON_Delete(*doc);
        *doc = NULL;
        return ER_ENOMEM;
    }
    while (*doc && end < json + len && (*end == ' ' || *end == '\t' || *end == '\r' ||
                                        *end == '\n'))
        end++;
    if (*doc && end != json + len) { /* something after the document */
        cJSON_Delete(*doc);
        *doc = NULL;
    }
    if (!*doc)
        add_error(r, "", "malformed JSON at column %zu",
                  end && end >= json ? (size_t)(end - json) + 1 : (size_t)1);
    else if (!cJSON_IsObject(*doc))
        add_error(r, "", "a project must be a JSON object");
    else if ((dup = repeated_member(*doc)) != NULL) {
        add_error(r, "", "malformed JSON: the member \"%.60s\" appears twice", dup);
        cJSON_Delete(*doc); /* which of the two was meant is unknown */
        *doc = NULL;
    }
    return ER_OK;
}

/* True when reading already reported a problem with `field` or with the
 * object holding it ("measures[1]" covers "measures[1].measure_type"). */
static bool reported(const struct request *r, size_t n_read, const char *field)
{
    size_t i, n;

    for (i = 0; i < n_read && i < ER_QUOTE_ERRORS_MAX; i++) {
        const char *f = r->errors[i].field;

        n = strlen(f);
        if (strncmp(f, field, n) == 0 && (field[n] == '\0' || (n && field[n] == '.')))
            return true;
    }
    return false;
}

/* The core's errors, less those reading found first. */
static void merge_errors(struct request *r, const er_quote_result *res)
{
    size_t i, n_read = r->n_errors;
    size_t n = res->n_errors < ER_QUOTE_ERRORS_MAX ? res->n_errors : ER_QUOTE_ERRORS_MAX;

    for (i = 0; i < n; i++)
        if (!reported(r, n_read, res->errors[i].field))
            add_error(r, res->errors[i].field, "%s", res->errors[i].message);
    r->n_errors += res->n_errors - n; /* counted by the core, not kept */
}

/* An amount in pounds, or null. */
static void money(er_jsonw *w, bool present, er_q q, er_status *rc)
{
    int64_t pennies = 0;

    if (!present) {
        er_jsonw_lit(w, "null");
        return;
    }
    if (!*rc)
        *rc = er_q_round(q, 100, &pennies);
    er_jsonw_pennies(w, pennies);
}

/* project_id, echoed as given whatever its JSON type. */
static void echo(er_jsonw *w, const cJSON *v)
{
    char *s;

    if (!v || cJSON_IsNull(v)) {
        er_jsonw_lit(w, "null");
    } else if (cJSON_IsString(v)) {
        er_jsonw_string(w, v->valuestring);
    } else if ((s = cJSON_PrintUnformatted(v)) != NULL) {
        er_jsonw_lit(w, s);
        cJSON_free(s);
    } else {
        w->oom = true;
    }
}

static void render_measures(er_jsonw *w, const struct request *r, const er_quote_result *res,
                            er_status *rc)
{
    size_t i;

    er_jsonw_lit(w, "[");
    for (i = 0; i < r->in.n_measures; i++) {
        const er_quote_measure_result *mr = &res->measures[i];
        /* a measure read with a default in place of a bad field: not scored */
        bool scored = mr->scored && !r->measure_bad[i];

        er_jsonw_lit(w, i ? ",{\"mrn\":" : "{\"mrn\":");
        er_jsonw_string(w, r->measures[i].mrn);
        er_jsonw_lit(w, ",\"measure_type\":");
        er_jsonw_string(w, r->measures[i].measure_type);
        er_jsonw_lit(w, ",\"cost_savings\":");
        money(w, scored, mr->cost_savings, rc);
        er_jsonw_lit(w, ",\"partial_project_score\":");
        money(w, scored, mr->partial_project_score, rc);
        er_jsonw_lit(w, "}");
    }
    er_jsonw_lit(w, "]");
}

static void render_errors(er_jsonw *w, const struct request *r)
{
    size_t i, n = r->n_errors < ER_QUOTE_ERRORS_MAX ? r->n_errors : ER_QUOTE_ERRORS_MAX;
    char more[64];

    er_jsonw_lit(w, "[");
    for (i = 0; i < n; i++) {
        er_jsonw_lit(w, i ? ",{\"field\":" : "{\"field\":");
        er_jsonw_string(w, r->errors[i].field);
        er_jsonw_lit(w, ",\"message\":");
        er_jsonw_string(w, r->errors[i].message);
        er_jsonw_lit(w, "}");
    }
    if (r->n_errors > n) {
        snprintf(more, sizeof more, "%zu more errors not shown", r->n_errors - n);
        er_jsonw_lit(w, ",{\"field\":\"\",\"message\":");
        er_jsonw_string(w, more);
        er_jsonw_lit(w, "}");
    }
    er_jsonw_lit(w, "]");
}

/* The result line of DESIGN.md, fields in its order. */
static void render(er_jsonw *w, const struct request *r, const er_quote_result *res,
                   er_status *rc)
{
    bool seg = res->segment != ER_SEGMENT_NONE;

    er_jsonw_lit(w, "{\"project_id\":");
    echo(w, r->project_id);
    er_jsonw_lit(w, ",\"scheme\":");
    er_jsonw_string(w, er_scheme_name(r->scheme));
    er_jsonw_lit(w, ",\"starting_band\":");
    er_jsonw_string(w, res->starting_band == ER_BAND_NONE ? NULL
                                                          : er_band_name(res->starting_band));
    er_jsonw_lit(w, ",\"finishing_band\":");
    er_jsonw_string(w, res->finishing_band == ER_BAND_NONE ? NULL
                                                           : er_band_name(res->finishing_band));
    er_jsonw_lit(w, ",\"floor_area_segment\":");
    er_jsonw_string(w, seg ? er_segment_name(res->segment) : NULL);
    er_jsonw_lit(w, ",\"floor_area_factor\":");
    if (seg)
        er_jsonw_real(w, er_q_to_double(res->floor_area_factor));
    else
        er_jsonw_lit(w, "null");
    er_jsonw_lit(w, ",\"minimum_requirement_met\":");
    er_jsonw_tristate(w, res->minimum_requirement_met);
    er_jsonw_lit(w, ",\"full_project_score\":");
    money(w, res->has_fps, res->full_project_score, rc);
    er_jsonw_lit(w, ",\"measures\":");
    render_measures(w, r, res, rc);
    er_jsonw_lit(w, ",\"partial_project_score_total\":");
    money(w, res->has_pps_total, res->pps_total, rc);
    er_jsonw_lit(w, ",\"score\":");
    money(w, res->has_score, res->score, rc);
    er_jsonw_lit(w, ",\"errors\":");
    render_errors(w, r);
    er_jsonw_lit(w, "}");
}

er_status er_quote_json(const er_quote_env *env, const char *json, size_t len, char **out,
                        bool *had_errors)
{
    er_quote_measure_result results[QUOTE_MEASURES_MAX] = { { 0 } };
    er_quote_result res = { .measures = results };
    struct request r;
    er_jsonw w = { 0 };
    cJSON *doc;
    er_status rc = ER_OK;

    memset(&r, 0, sizeof r);
    *out = NULL;
    r.scheme = env->scheme;
    if ((rc = read_document(&r, json, len, &doc)) != ER_OK)
        return rc;
    if (cJSON_IsObject(doc)) {
        r.project_id = cJSON_GetObjectItemCaseSensitive(doc, "project_id");
        project(&r, env, doc);
    }
    res.starting_band = res.finishing_band = ER_BAND_NONE;
    res.segment = ER_SEGMENT_NONE;
    res.minimum_requirement_met = -1;
    if (cJSON_IsObject(doc)) { /* also after field errors: report every problem */
        if (!env->schemes[r.scheme])
            add_error(&r, "scheme", "%s is not loaded", er_scheme_name(r.scheme));
        else if (er_quote_project(env->schemes[r.scheme], &r.in, &res) == ER_ERANGE)
            rc = ER_ERANGE;
        if (r.n_errors > 0) /* defaults stood in for bad fields */
            res.has_score = res.has_fps = res.has_pps_total = false;
        merge_errors(&r, &res);
    }
    render(&w, &r, &res, &rc);
    *had_errors = r.n_errors > 0 || !res.has_score;
    cJSON_Delete(doc);
    if (rc || w.oom) {
        er_jsonw_free(&w);
        return rc ? rc : ER_ENOMEM;
    }
    *out = w.p;
    return ER_OK;
}
