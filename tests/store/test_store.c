/*
 * test_store.c: the store suite every engine passes (include/ecoreg/store.h).
 *
 * Written only against the public interface, so the same file tests each
 * engine.  Each test opens a store of its own: by default a new SQLite
 * file in a directory made with mkdtemp() under /tmp (removed at the end);
 * when ECOREG_TEST_STORE_URI is set, that URI with "{test}" replaced by a
 * name unique to the test and the run (letters, digits and '_'), so that
 * a PostgreSQL run can give each test an empty database or schema, e.g.
 *     ECOREG_TEST_STORE_URI='postgresql:///ecoreg_test?schema={test}'
 * Engine-specific checks (the journal's triggers, the migration table, the
 * file's journal mode) live in test_store_<engine>.c.
 */
#include "support.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "ecoreg/alloc.h"
#include "ecoreg/store.h"

#define URI_MAX 4096

static char uri_template[URI_MAX]; /* contains "{test}" */
static char temp_dir[256];         /* ours to remove; "" when the URI came from outside */
static unsigned next_store;

/* ---- the harness -------------------------------------------------- */

static int suite_setup(void **state)
{
    const char *env = getenv("ECOREG_TEST_STORE_URI");

    (void)state;
    if (env && *env) {
        if (!strstr(env, "{test}")) {
            fprintf(stderr, "ECOREG_TEST_STORE_URI must contain {test}\n");
            return -1;
        }
        snprintf(uri_template, sizeof uri_template, "%s", env);
        return 0;
    }
    snprintf(temp_dir, sizeof temp_dir, "/tmp/ecoreg-store-XXXXXX");
    if (!mkdtemp(temp_dir)) {
        fprintf(stderr, "mkdtemp: %s\n", strerror(errno));
        return -1;
    }
    snprintf(uri_template, sizeof uri_template, "sqlite:%s/{test}.db", temp_dir);
    return 0;
}

static int suite_teardown(void **state)
{
    char path[512];
    struct dirent *d;
    DIR *dir;

    (void)state;
    if (!temp_dir[0] || !(dir = opendir(temp_dir)))
        return 0;
    while ((d = readdir(dir)))
        if (strcmp(d->d_name, ".") != 0 && strcmp(d->d_name, "..") != 0) {
            snprintf(path, sizeof path, "%s/%s", temp_dir, d->d_name);
            unlink(path);
        }
    closedir(dir);
    rmdir(temp_dir);
    return 0;
}

/* A URI naming a store no test has used, into uri[URI_MAX]. */
static void fresh_uri(char *uri)
{
    const char *at = strstr(uri_template, "{test}");
    char name[64];

    snprintf(name, sizeof name, "t%ld_%u", (long)getpid(), next_store++);
    snprintf(uri, URI_MAX, "%.*s%s%s", (int)(at - uri_template), uri_template, name,
             at + strlen("{test}"));
}

static er_store *open_uri(const char *uri)
{
    er_store *s = NULL;
    er_error err = { 0 };
    er_status rc = er_store_open(uri, &s, &err);

    if (rc != ER_OK)
        fail_msg("opening %s: %s: %s", uri, er_strerror(rc), err.message);
    assert_non_null(s);
    return s;
}

/* A new, empty store; its URI into uri[URI_MAX] when uri is not NULL. */
static er_store *open_fresh(char *uri)
{
    char own[URI_MAX];

    if (!uri)
        uri = own;
    fresh_uri(uri);
    return open_uri(uri);
}

#define OK(call)                                                                                   \
    do {                                                                                           \
        er_error err_ = { 0 };                                                                     \
        er_status rc_ = (call);                                                                    \
        if (rc_ != ER_OK)                                                                          \
            fail_msg("%s: %s: %s", #call, er_strerror(rc_), err_.message);                         \
    } while (0)
/* For calls taking an er_error: OK_E(er_store_append(s, &ev, &err_)). */
#define OK_E(call) OK(call)

static er_date day(int y, int m, int d)
{
    er_date out;

    assert_int_equal(er_date_make(y, m, d, &out), ER_OK);
    return out;
}

/* ---- records to write --------------------------------------------- */

static er_supplier supplier(const char *code, const char *name)
{
    er_supplier s;

    memset(&s, 0, sizeof s);
    snprintf(s.code, sizeof s.code, "%s", code);
    snprintf(s.name, sizeof s.name, "%s", name);
    return s;
}

static er_event event(const char *subject_kind, const char *subject, const char *kind,
                      const char *payload)
{
    er_event ev;

    memset(&ev, 0, sizeof ev);
    snprintf(ev.at, sizeof ev.at, "2024-03-01T09:30:00Z");
    snprintf(ev.actor, sizeof ev.actor, "cli:alice");
    snprintf(ev.subject_kind, sizeof ev.subject_kind, "%s", subject_kind);
    snprintf(ev.subject, sizeof ev.subject, "%s", subject);
    snprintf(ev.kind, sizeof ev.kind, "%s", kind);
    snprintf(ev.to_state, sizeof ev.to_state, "recorded");
    snprintf(ev.reason, sizeof ev.reason, "checks passed");
    ev.payload = payload;
    return ev;
}

static er_measure_rec measure(const char *mrn, er_scheme_id scheme, const char *supplier_code,
                              const char *project_id, const char *state, er_date completion,
                              bool late)
{
    er_measure_rec m;

    memset(&m, 0, sizeof m);
    snprintf(m.mrn, sizeof m.mrn, "%s", mrn);
    m.scheme = scheme;
    snprintf(m.supplier, sizeof m.supplier, "%s", supplier_code);
    snprintf(m.project_id, sizeof m.project_id, "%s", project_id);
    snprintf(m.state, sizeof m.state, "%s", state);
    snprintf(m.content_hash, sizeof m.content_hash, "%064d", 7);
    m.completion = completion;
    m.late_extension = late;
    m.last_event = 1;
    return m;
}

/* Appends the event that notifies m with `row` and `failures` (JSON, or
 * NULL to leave the member out) and points m at it: a read of m then gives
 * them back as row_json and failures_json (store.h). */
static void notified(er_store *s, er_measure_rec *m, const char *row, const char *failures)
{
    char payload[512];
    er_event ev;

    snprintf(payload, sizeof payload, "{\"content_hash\":\"x\"%s%s%s%s}", row ? ",\"row\":" : "",
             row ? row : "", failures ? ",\"failures\":" : "", failures ? failures : "");
    ev = event("measure", m->mrn, "notified", payload);
    OK_E(er_store_append(s, &ev, &err_));
    m->row_event = ev.id;
    m->row_json = (char *)row;
    m->failures_json = (char *)failures;
}

static er_project_rec project(const char *id, const char *supplier_code, const char *state,
                              const char *json)
{
    er_project_rec p;

    memset(&p, 0, sizeof p);
    snprintf(p.project_id, sizeof p.project_id, "%s", id);
    p.scheme = ER_SCHEME_ECO4;
    snprintf(p.supplier, sizeof p.supplier, "%s", supplier_code);
    snprintf(p.state, sizeof p.state, "%s", state);
    snprintf(p.content_hash, sizeof p.content_hash, "%064d", 3);
    p.content_json = (char *)json;
    p.failures_json = "[]";
    p.last_event = 2;
    return p;
}

/* ---- collecting what the iterators give --------------------------- */

#define LIST_MAX 64
struct list {
    size_t n, stop_after; /* stop_after 0: never stop */
    char key[LIST_MAX][ER_EVENT_TEXT_MAX];
    int64_t id[LIST_MAX];
};

static int add_key(struct list *l, const char *key, int64_t id)
{
    assert_true(l->n < LIST_MAX);
    snprintf(l->key[l->n], sizeof l->key[0], "%s", key);
    l->id[l->n++] = id;
    return l->stop_after && l->n == l->stop_after;
}

static int on_supplier(void *ctx, const er_supplier *sup)
{
    return add_key(ctx, sup->code, 0);
}

static int on_event(void *ctx, const er_event *ev)
{
    return add_key(ctx, ev->subject, ev->id);
}

static int on_measure(void *ctx, const er_measure_rec *m)
{
    return add_key(ctx, m->mrn, m->last_event);
}

static int on_project(void *ctx, const er_project_rec *p)
{
    return add_key(ctx, p->project_id, p->last_event);
}

/* "A,B,C" of the keys collected. */
static const char *joined(const struct list *l)
{
    static char buf[LIST_MAX * ER_EVENT_TEXT_MAX];
    size_t i, n = 0;

    buf[0] = '\0';
    for (i = 0; i < l->n; i++)
        n += (size_t)snprintf(buf + n, sizeof buf - n, "%s%s", i ? "," : "", l->key[i]);
    return buf;
}

static const char *supplier_codes(er_store *s)
{
    struct list l = { 0 };

    OK(er_store_supplier_each(s, on_supplier, &l));
    return joined(&l);
}

static const char *event_subjects(er_store *s, const char *kind, const char *subject)
{
    struct list l = { 0 };
    size_t i;

    OK(er_store_events(s, kind, subject, on_event, &l));
    for (i = 1; i < l.n; i++)
        assert_true(l.id[i] > l.id[i - 1]);
    return joined(&l);
}

static const char *measure_mrns(er_store *s, const er_measure_filter *f)
{
    struct list l = { 0 };

    OK(er_store_measure_each(s, f, on_measure, &l));
    return joined(&l);
}

static er_measure_filter any_measure(void)
{
    er_measure_filter f;

    memset(&f, 0, sizeof f);
    f.scheme = -1;
    f.completed_from = f.completed_to = ER_DATE_NONE;
    return f;
}

/* ---- opening ------------------------------------------------------ */

static void test_open_creates_and_migrates(void **state)
{
    char uri[URI_MAX];
    er_supplier sup = supplier("BGT", "British Gas Trading"), got;
    er_store *s;

    (void)state;
    s = open_fresh(uri);
    assert_int_equal(er_store_schema_version(s), 6);
    OK_E(er_store_supplier_add(s, &sup, &err_));
    er_store_close(s);

    s = open_uri(uri); /* already at version 4: nothing applied again */
    assert_int_equal(er_store_schema_version(s), 6);
    OK(er_store_supplier_get(s, "BGT", &got));
    assert_string_equal(got.name, "British Gas Trading");
    er_store_close(s);
}

static void test_open_bad_arguments(void **state)
{
    er_store *s = (er_store *)&s; /* set to NULL on failure */
    er_error err = { 0 };

    (void)state;
    assert_int_equal(er_store_open(NULL, &s, &err), ER_EINVAL);
    assert_null(s);
    assert_int_equal(er_store_open("", &s, &err), ER_EINVAL);
    assert_int_equal(er_store_open("mysql://localhost/ecoreg", &s, &err), ER_EINVAL);
    assert_null(s);
    assert_non_null(strstr(err.message, "mysql"));
    er_store_close(NULL);
    assert_int_equal(er_store_schema_version(NULL), 0);
    er_store_rollback(NULL);
}

/* ---- suppliers ---------------------------------------------------- */

static void test_suppliers(void **state)
{
    er_supplier a = supplier("OVO", "OVO Energy"), b = supplier("BGT", "British Gas"),
                c = supplier("EDF", "EDF Energy"), dup = supplier("OVO", "Another"), got;
    struct list l = { .stop_after = 2 };
    er_error err = { 0 };
    er_store *s = open_fresh(NULL);

    (void)state;
    assert_string_equal(supplier_codes(s), "");
    OK_E(er_store_supplier_add(s, &a, &err_));
    OK_E(er_store_supplier_add(s, &b, &err_));
    OK_E(er_store_supplier_add(s, &c, &err_));
    assert_int_equal(er_store_supplier_add(s, &dup, &err), ER_EDUPLICATE);
    assert_true(err.message[0] != '\0');

    OK(er_store_supplier_get(s, "EDF", &got));
    assert_string_equal(got.code, "EDF");
    assert_string_equal(got.name, "EDF Energy");
    OK(er_store_supplier_get(s, "OVO", &got));
    assert_string_equal(got.name, "OVO Energy"); /* the duplicate changed nothing */
    assert_int_equal(er_store_supplier_get(s, "XXX", &got), ER_ENOTFOUND);
    assert_int_equal(er_store_supplier_get(s, "ovo", &got), ER_ENOTFOUND); /* exact */

    assert_string_equal(supplier_codes(s), "BGT,EDF,OVO");
    OK(er_store_supplier_each(s, on_supplier, &l)); /* a non-zero return stops */
    assert_string_equal(joined(&l), "BGT,EDF");

    a = supplier("", "no code");
    assert_int_equal(er_store_supplier_add(s, &a, &err), ER_EINVAL);
    memcpy(a.code, "ABCD", 4); /* no room for the NUL */
    assert_int_equal(er_store_supplier_add(s, &a, &err), ER_EINVAL);
    assert_string_equal(supplier_codes(s), "BGT,EDF,OVO");
    er_store_close(s);
}

/* ---- supplier licences -------------------------------------------- */

static er_licence licence(const char *reference, const char *supplier_code)
{
    er_licence l;

    memset(&l, 0, sizeof l);
    snprintf(l.reference, sizeof l.reference, "%s", reference);
    snprintf(l.supplier, sizeof l.supplier, "%s", supplier_code);
    return l;
}

static int on_licence(void *ctx, const er_licence *lic)
{
    char key[ER_EVENT_TEXT_MAX];

    snprintf(key, sizeof key, "%s=%s", lic->reference, lic->supplier);
    return add_key(ctx, key, 0);
}

static const char *licence_list(er_store *s)
{
    struct list l = { 0 };

    OK(er_store_licence_each(s, on_licence, &l));
    return joined(&l);
}

/* store.h: references unique ignoring case, found in any case with the
 * spelling stored, listed byte for byte; the supplier must exist. */
static void test_licences(void **state)
{
    er_supplier bgt = supplier("BGT", "British Gas Trading"), eon = supplier("EON", "E.ON");
    er_licence a = licence("BGT03078711E", "BGT"), b = licence("eon12345678a", "EON"),
               c = licence("ZED/2024-1", "EON"), got;
    struct list l = { .stop_after = 1 };
    er_error err = { 0 };
    er_store *s = open_fresh(NULL);

    (void)state;
    assert_string_equal(licence_list(s), "");
    OK_E(er_store_supplier_add(s, &bgt, &err_));
    OK_E(er_store_supplier_add(s, &eon, &err_));
    OK_E(er_store_licence_add(s, &a, &err_));
    OK_E(er_store_licence_add(s, &b, &err_));
    OK_E(er_store_licence_add(s, &c, &err_));

    /* the same reference in another case is refused, whoever holds it */
    got = licence("bgt03078711e", "EON");
    assert_int_equal(er_store_licence_add(s, &got, &err), ER_EDUPLICATE);
    assert_true(err.message[0] != '\0');
    got = licence("EON12345678A", "EON");
    assert_int_equal(er_store_licence_add(s, &got, &err), ER_EDUPLICATE);
    /* a supplier the store does not hold, or holds in another case */
    got = licence("XYZ00000001A", "XYZ");
    assert_int_equal(er_store_licence_add(s, &got, &err), ER_ENOTFOUND);
    got = licence("XYZ00000001A", "bgt");
    assert_int_equal(er_store_licence_add(s, &got, &err), ER_ENOTFOUND);
    got = licence("", "BGT");
    assert_int_equal(er_store_licence_add(s, &got, &err), ER_EINVAL);
    got = licence("BGT00000002E", "");
    assert_int_equal(er_store_licence_add(s, &got, &err), ER_EINVAL);

    /* found in any case; out->reference is the spelling stored */
    OK(er_store_licence_find(s, "BGT03078711E", &got));
    assert_string_equal(got.reference, "BGT03078711E");
    assert_string_equal(got.supplier, "BGT");
    OK(er_store_licence_find(s, "bgt03078711E", &got));
    assert_string_equal(got.reference, "BGT03078711E");
    assert_string_equal(got.supplier, "BGT");
    OK(er_store_licence_find(s, "EON12345678A", &got));
    assert_string_equal(got.reference, "eon12345678a");
    assert_string_equal(got.supplier, "EON");
    assert_int_equal(er_store_licence_find(s, "BGT03078711", &got), ER_ENOTFOUND);
    assert_string_equal(got.reference, "");
    assert_int_equal(er_store_licence_find(s, "", &got), ER_ENOTFOUND);
    assert_int_equal(
        er_store_licence_find(s, "BGT03078711E-AND-MUCH-LONGER-THAN-ANY-REFERENCE", &got),
        ER_ENOTFOUND);

    /* byte order: capitals before small letters ("ZED" < "eon") */
    assert_string_equal(licence_list(s), "BGT03078711E=BGT,ZED/2024-1=EON,eon12345678a=EON");
    OK(er_store_licence_each(s, on_licence, &l)); /* a non-zero return stops */
    assert_string_equal(joined(&l), "BGT03078711E=BGT");
    er_store_close(s);
}

/* ---- reference lists ---------------------------------------------- */

static er_reference reference(const char *list, const char *value, const char *value2)
{
    er_reference r;

    memset(&r, 0, sizeof r);
    snprintf(r.list, sizeof r.list, "%s", list);
    snprintf(r.value, sizeof r.value, "%s", value);
    snprintf(r.value2, sizeof r.value2, "%s", value2);
    return r;
}

static int on_reference(void *ctx, const er_reference *ref)
{
    char key[ER_EVENT_TEXT_MAX];

    snprintf(key, sizeof key, "%.11s:%.24s:%.24s", ref->list, ref->value, ref->value2);
    return add_key(ctx, key, 0);
}

static const char *reference_list(er_store *s, const char *list)
{
    struct list l = { 0 };

    OK(er_store_reference_each(s, list, on_reference, &l));
    return joined(&l);
}

/* store.h: entries unique and found ignoring the case of value and value2,
 * each list on its own, listed byte for byte by list, value and value2. */
static void test_references(void **state)
{
    er_reference a = reference("flex-routes", "Route 2 Area Validation", ""),
                 b = reference("innovation-measures", "001", "CWI_0.040"),
                 c = reference("innovation-measures", "001", "LI_greater100"),
                 d = reference("flex-routes", "route 1", ""), got;
    struct list l = { .stop_after = 1 };
    er_error err = { 0 };
    er_store *s = open_fresh(NULL);

    (void)state;
    assert_string_equal(reference_list(s, NULL), "");
    OK_E(er_store_reference_add(s, &a, &err_));
    OK_E(er_store_reference_add(s, &b, &err_));
    OK_E(er_store_reference_add(s, &c, &err_));
    OK_E(er_store_reference_add(s, &d, &err_));

    /* the same entry in another case is refused; another list may hold it */
    got = reference("flex-routes", "ROUTE 2 area validation", "");
    assert_int_equal(er_store_reference_add(s, &got, &err), ER_EDUPLICATE);
    assert_true(err.message[0] != '\0');
    got = reference("innovation-measures", "001", "cwi_0.040");
    assert_int_equal(er_store_reference_add(s, &got, &err), ER_EDUPLICATE);
    got = reference("other-list", "Route 1", "");
    OK_E(er_store_reference_add(s, &got, &err_));
    got = reference("", "Route 1", "");
    assert_int_equal(er_store_reference_add(s, &got, &err), ER_EINVAL);
    got = reference("flex-routes", "", "");
    assert_int_equal(er_store_reference_add(s, &got, &err), ER_EINVAL);

    /* found in any case, as spelt when added; the list compares exactly */
    OK(er_store_reference_find(s, "flex-routes", "route 2 AREA validation", NULL, &got));
    assert_string_equal(got.value, "Route 2 Area Validation");
    assert_string_equal(got.value2, "");
    OK(er_store_reference_find(s, "innovation-measures", "001", "li_GREATER100", &got));
    assert_string_equal(got.value2, "LI_greater100");
    assert_int_equal(er_store_reference_find(s, "innovation-measures", "001", "EWI", &got),
                     ER_ENOTFOUND);
    assert_string_equal(got.value, "");
    /* NULL matches any second value, or any entry of the list */
    OK(er_store_reference_find(s, "innovation-measures", "001", NULL, &got));
    assert_string_equal(got.value, "001");
    assert_true(strcmp(got.value2, "CWI_0.040") == 0 || strcmp(got.value2, "LI_greater100") == 0);
    assert_int_equal(er_store_reference_find(s, "innovation-measures", "002", NULL, &got),
                     ER_ENOTFOUND);
    OK(er_store_reference_find(s, "other-list", NULL, NULL, &got));
    assert_string_equal(got.value, "Route 1");
    assert_int_equal(er_store_reference_find(s, "no-such-list", NULL, NULL, &got),
                     ER_ENOTFOUND);
    assert_int_equal(er_store_reference_find(s, "flex-routes", NULL, "x", &got), ER_EINVAL);
    assert_int_equal(er_store_reference_find(s, "FLEX-ROUTES", "Route 1", NULL, &got),
                     ER_ENOTFOUND);
    assert_int_equal(er_store_reference_find(s, "flex-routes", "", NULL, &got), ER_ENOTFOUND);

    /* byte order; one list or all */
    assert_string_equal(reference_list(s, "flex-routes"),
                        "flex-routes:Route 2 Area Validation:,flex-routes:route 1:");
    assert_string_equal(reference_list(s, "innovation-measures"),
                        "innovation-:001:CWI_0.040,innovation-:001:LI_greater100");
    assert_string_equal(reference_list(s, NULL),
                        "flex-routes:Route 2 Area Validation:,flex-routes:route 1:,"
                        "innovation-:001:CWI_0.040,innovation-:001:LI_greater100,"
                        "other-list:Route 1:");
    assert_string_equal(reference_list(s, "no-such-list"), "");
    OK(er_store_reference_each(s, NULL, on_reference, &l)); /* a non-zero return stops */
    assert_string_equal(joined(&l), "flex-routes:Route 2 Area Validation:");
    er_store_close(s);
}

/* ---- journal ------------------------------------------------------ */

struct event_copy {
    size_t n;
    er_event ev[8];
    char payload[8][600];
    bool has_payload[8];
};

static int copy_event(void *ctx, const er_event *ev)
{
    struct event_copy *c = ctx;

    assert_true(c->n < 8);
    c->ev[c->n] = *ev;
    c->has_payload[c->n] = ev->payload != NULL;
    if (ev->payload)
        snprintf(c->payload[c->n], sizeof c->payload[0], "%s", ev->payload);
    c->ev[c->n].payload = NULL;
    c->n++;
    return 0;
}

static void test_append_and_read(void **state)
{
    er_event a = event("measure", "BGT0000000001", "notified", "{\"row\":1}");
    er_event b = event("supplier", "BGT", "added", NULL);
    er_event c = event("measure", "BGT0000000002", "notified", "{}");
    er_event d = event("measure", "BGT0000000001", "approved", "[\"\\u00e9\"]");
    er_store *s = open_fresh(NULL);

    (void)state;
    assert_string_equal(event_subjects(s, NULL, NULL), "");
    OK_E(er_store_append(s, &a, &err_));
    OK_E(er_store_append(s, &b, &err_));
    OK_E(er_store_append(s, &c, &err_));
    snprintf(d.from_state, sizeof d.from_state, "recorded");
    snprintf(d.to_state, sizeof d.to_state, "approved");
    OK_E(er_store_append(s, &d, &err_));
    assert_true(a.id > 0);
    assert_true(b.id > a.id);
    assert_true(c.id > b.id);
    assert_true(d.id > c.id);

    assert_string_equal(event_subjects(s, NULL, NULL),
                        "BGT0000000001,BGT,BGT0000000002,BGT0000000001");
    assert_string_equal(event_subjects(s, "measure", NULL),
                        "BGT0000000001,BGT0000000002,BGT0000000001");
    assert_string_equal(event_subjects(s, "measure", "BGT0000000001"),
                        "BGT0000000001,BGT0000000001");
    assert_string_equal(event_subjects(s, "supplier", NULL), "BGT");
    assert_string_equal(event_subjects(s, "project", NULL), "");
    assert_string_equal(event_subjects(s, "measure", "BGT9999999999"), "");
    /* subject without subject_kind: all events */
    assert_string_equal(event_subjects(s, NULL, "BGT"),
                        "BGT0000000001,BGT,BGT0000000002,BGT0000000001");
    er_store_close(s);
}

/* What is appended reads back byte for byte: full-length fields, quotes,
 * UTF-8, an empty from-state and a NULL payload. */
static void test_events_read_back_identical(void **state)
{
    static const char quoted[] = "it's \"quoted\", caf\xc3\xa9; ";
    er_event a = event("measure", "BGT0000000001", "notified", NULL), b;
    struct event_copy got = { 0 };
    char payload[520];
    er_store *s = open_fresh(NULL);
    size_t i;

    (void)state;
    memset(a.reason, 'r', sizeof a.reason - 1);
    memcpy(a.reason, quoted, strlen(quoted));
    memset(a.actor, 'a', sizeof a.actor - 1);
    snprintf(a.subject, sizeof a.subject, "\xe2\x82\xac-subject");
    OK_E(er_store_append(s, &a, &err_));

    b = event("measure", "x", "edited", NULL);
    for (i = 0; i < sizeof payload - 1; i++)
        payload[i] = (char)('a' + i % 26);
    payload[0] = '"';
    payload[sizeof payload - 2] = '"';
    payload[sizeof payload - 1] = '\0';
    b.payload = payload;
    snprintf(b.from_state, sizeof b.from_state, "rejected");
    OK_E(er_store_append(s, &b, &err_));

    OK(er_store_events(s, NULL, NULL, copy_event, &got));
    assert_int_equal(got.n, 2);
    assert_int_equal(got.ev[0].id, a.id);
    assert_string_equal(got.ev[0].at, a.at);
    assert_string_equal(got.ev[0].actor, a.actor);
    assert_int_equal(strlen(got.ev[0].actor), sizeof a.actor - 1);
    assert_string_equal(got.ev[0].subject_kind, "measure");
    assert_string_equal(got.ev[0].subject, a.subject);
    assert_string_equal(got.ev[0].kind, "notified");
    assert_string_equal(got.ev[0].from_state, "");
    assert_string_equal(got.ev[0].to_state, "recorded");
    assert_string_equal(got.ev[0].reason, a.reason);
    assert_int_equal(strlen(got.ev[0].reason), sizeof a.reason - 1);
    assert_false(got.has_payload[0]);
    assert_int_equal(got.ev[1].id, b.id);
    assert_string_equal(got.ev[1].from_state, "rejected");
    assert_true(got.has_payload[1]);
    assert_string_equal(got.payload[1], payload);

    memset(b.kind, 'k', sizeof b.kind); /* not terminated */
    assert_int_equal(er_store_append(s, &b, NULL), ER_EINVAL);
    er_store_close(s);
}

/* A callback may use the store, even the same iteration again. */
struct nested {
    er_store *s;
    size_t outer, inner;
};

static int count_inner(void *ctx, const er_event *ev)
{
    (void)ev;
    ((struct nested *)ctx)->inner++;
    return 0;
}

static int nested_outer(void *ctx, const er_event *ev)
{
    struct nested *n = ctx;
    er_measure_rec m;

    n->outer++;
    OK(er_store_events(n->s, NULL, NULL, count_inner, n));
    OK(er_store_measure_get(n->s, "BGT0000000001", &m));
    assert_string_equal(m.state, "recorded");
    er_store_measure_free(&m);
    (void)ev;
    return 0;
}

static void test_callbacks_may_reenter(void **state)
{
    er_event a = event("measure", "a", "notified", NULL), b = event("measure", "b", "x", NULL);
    er_measure_rec m =
        measure("BGT0000000001", ER_SCHEME_GBIS, "BGT", "", "recorded", ER_DATE_NONE, false);
    struct nested n = { 0 };
    er_store *s = open_fresh(NULL);

    (void)state;
    n.s = s;
    OK_E(er_store_append(s, &a, &err_));
    OK_E(er_store_append(s, &b, &err_));
    OK_E(er_store_measure_put(s, &m, &err_));
    OK(er_store_events(s, NULL, NULL, nested_outer, &n));
    assert_int_equal(n.outer, 2);
    assert_int_equal(n.inner, 4);
    /* and the kept statement still works afterwards */
    assert_string_equal(event_subjects(s, NULL, NULL), "a,b");
    er_store_close(s);
}

/* ---- measures ----------------------------------------------------- */

static void assert_measure_equal(const er_measure_rec *got, const er_measure_rec *want)
{
    assert_string_equal(got->mrn, want->mrn);
    assert_int_equal(got->scheme, want->scheme);
    assert_string_equal(got->supplier, want->supplier);
    assert_string_equal(got->project_id, want->project_id);
    assert_string_equal(got->state, want->state);
    assert_string_equal(got->content_hash, want->content_hash);
    assert_int_equal(got->completion, want->completion);
    assert_int_equal(got->late_extension, want->late_extension);
    if (want->row_json)
        assert_string_equal(got->row_json, want->row_json);
    else
        assert_null(got->row_json);
    if (want->failures_json)
        assert_string_equal(got->failures_json, want->failures_json);
    else
        assert_null(got->failures_json);
    assert_int_equal(got->row_event, want->row_event);
    assert_int_equal(got->last_event, want->last_event);
}

static void test_measure_put_get_replace(void **state)
{
    er_measure_rec a = measure("BGT0000000001", ER_SCHEME_GBIS, "BGT", "", "recorded",
                               day(2024, 2, 29), true),
                   b = measure("EDF0000000002", ER_SCHEME_ECO4, "EDF", "P-17", "rejected",
                               ER_DATE_NONE, false),
                   got;
    er_store *s = open_fresh(NULL);

    (void)state;
    assert_int_equal(er_store_measure_get(s, a.mrn, &got), ER_ENOTFOUND);
    er_store_measure_free(&got); /* zeroed: harmless */
    /* the row and failures come back byte for byte, escapes and all */
    notified(s, &a, "[\"12 \\\"High\\\" St\",\"caf\xc3\xa9\",\"\\u00e9\\n\",\"\"]", "[]");
    OK_E(er_store_measure_put(s, &a, &err_));
    /* a payload without a row: no row */
    notified(s, &b, NULL, "[{\"rule\":\"GBIS0104\",\"message\":\"caf\xc3\xa9 \\\"x\\\"\"}]");
    snprintf(b.content_hash, sizeof b.content_hash,
             "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    b.last_event = (int64_t)1 << 40;
    OK_E(er_store_measure_put(s, &b, &err_));

    OK(er_store_measure_get(s, a.mrn, &got));
    assert_measure_equal(&got, &a);
    er_store_measure_free(&got);
    assert_null(got.row_json);
    assert_null(got.failures_json);
    er_store_measure_free(&got); /* twice: still harmless */
    OK(er_store_measure_get(s, b.mrn, &got));
    assert_measure_equal(&got, &b);
    er_store_measure_free(&got);

    /* put again: replaces every field */
    a = measure("BGT0000000001", ER_SCHEME_ECO4, "BGX", "P-9", "approved", day(2023, 1, 1), false);
    notified(s, &a, "{\"edited\":true}", NULL);
    a.last_event = 99;
    OK_E(er_store_measure_put(s, &a, &err_));
    OK(er_store_measure_get(s, a.mrn, &got));
    assert_measure_equal(&got, &a);
    er_store_measure_free(&got);
    /* and no row at all */
    a.row_event = 0;
    a.row_json = a.failures_json = NULL;
    OK_E(er_store_measure_put(s, &a, &err_));
    OK(er_store_measure_get(s, a.mrn, &got));
    assert_measure_equal(&got, &a);
    er_store_measure_free(&got);

    assert_string_equal(measure_mrns(s, NULL), "BGT0000000001,EDF0000000002");

    a.mrn[0] = '\0';
    assert_int_equal(er_store_measure_put(s, &a, NULL), ER_EINVAL);
    snprintf(a.mrn, sizeof a.mrn, "X");
    a.scheme = ER_SCHEME_COUNT;
    assert_int_equal(er_store_measure_put(s, &a, NULL), ER_EINVAL);
    er_store_measure_free(NULL);
    er_store_close(s);
}

/* Eight measures across schemes, suppliers, states, projects and dates. */
static void put_measure_set(er_store *s)
{
    const er_measure_rec set[] = {
        measure("BGT0000000003", ER_SCHEME_GBIS, "BGT", "", "recorded", day(2024, 1, 31), false),
        measure("BGT0000000001", ER_SCHEME_GBIS, "BGT", "", "approved", day(2024, 1, 1), true),
        measure("BGT0000000002", ER_SCHEME_GBIS, "BGT", "", "rejected", day(2024, 1, 15), true),
        measure("BGT0000000004", ER_SCHEME_GBIS, "BGT", "", "recorded", day(2024, 2, 1), true),
        measure("BGT0000000005", ER_SCHEME_GBIS, "BGT", "", "recorded", ER_DATE_NONE, false),
        measure("EDF0000000001", ER_SCHEME_ECO4, "EDF", "P-1", "recorded", day(2024, 1, 10), false),
        measure("EDF0000000002", ER_SCHEME_ECO4, "EDF", "P-1", "approved", day(2023, 12, 31), true),
        measure("EDF0000000003", ER_SCHEME_ECO4, "EDF", "P-2", "revoked", day(2024, 1, 20), false),
    };
    size_t i;

    for (i = 0; i < sizeof set / sizeof set[0]; i++)
        OK_E(er_store_measure_put(s, &set[i], &err_));
}

static void test_measure_each_filters(void **state)
{
    er_measure_filter f = any_measure();
    struct list l = { .stop_after = 3 };
    er_store *s = open_fresh(NULL);

    (void)state;
    put_measure_set(s);
    assert_string_equal(measure_mrns(s, &f),
                        "BGT0000000001,BGT0000000002,BGT0000000003,BGT0000000004,"
                        "BGT0000000005,EDF0000000001,EDF0000000002,EDF0000000003");
    assert_string_equal(measure_mrns(s, NULL), measure_mrns(s, &f));
    OK(er_store_measure_each(s, &f, on_measure, &l));
    assert_string_equal(joined(&l), "BGT0000000001,BGT0000000002,BGT0000000003");

    f.scheme = ER_SCHEME_ECO4;
    assert_string_equal(measure_mrns(s, &f), "EDF0000000001,EDF0000000002,EDF0000000003");
    f = any_measure();
    snprintf(f.supplier, sizeof f.supplier, "BGT");
    assert_string_equal(measure_mrns(s, &f),
                        "BGT0000000001,BGT0000000002,BGT0000000003,BGT0000000004,"
                        "BGT0000000005");
    snprintf(f.state, sizeof f.state, "recorded");
    assert_string_equal(measure_mrns(s, &f), "BGT0000000003,BGT0000000004,BGT0000000005");
    f = any_measure();
    snprintf(f.state, sizeof f.state, "approved");
    assert_string_equal(measure_mrns(s, &f), "BGT0000000001,EDF0000000002");
    f = any_measure();
    snprintf(f.project_id, sizeof f.project_id, "P-1");
    assert_string_equal(measure_mrns(s, &f), "EDF0000000001,EDF0000000002");

    /* completion bounds are inclusive; an unknown date matches no bound */
    f = any_measure();
    f.completed_from = day(2024, 1, 1);
    f.completed_to = day(2024, 1, 31);
    assert_string_equal(measure_mrns(s, &f),
                        "BGT0000000001,BGT0000000002,BGT0000000003,EDF0000000001,"
                        "EDF0000000003");
    f.completed_to = ER_DATE_NONE;
    f.completed_from = day(2024, 1, 20);
    assert_string_equal(measure_mrns(s, &f), "BGT0000000003,BGT0000000004,EDF0000000003");
    f.completed_from = ER_DATE_NONE;
    f.completed_to = day(2024, 1, 1);
    assert_string_equal(measure_mrns(s, &f), "BGT0000000001,EDF0000000002");

    /* everything at once */
    f = any_measure();
    f.scheme = ER_SCHEME_ECO4;
    snprintf(f.supplier, sizeof f.supplier, "EDF");
    snprintf(f.state, sizeof f.state, "recorded");
    snprintf(f.project_id, sizeof f.project_id, "P-1");
    f.completed_from = day(2024, 1, 10);
    f.completed_to = day(2024, 1, 10);
    assert_string_equal(measure_mrns(s, &f), "EDF0000000001");
    f.completed_from = day(2024, 1, 11);
    assert_string_equal(measure_mrns(s, &f), "");

    f = any_measure();
    f.scheme = 7;
    assert_int_equal(er_store_measure_each(s, &f, on_measure, &l), ER_EINVAL);
    er_store_close(s);
}

static void test_month_counts(void **state)
{
    er_measure_rec m;
    long completed = -1, late = -1;
    er_store *s = open_fresh(NULL);

    (void)state;
    put_measure_set(s);
    /* BGT in January 2024: 0001 (late), 0003; 0002 is rejected, so not
     * a measure delivered; 0004 is February's */
    OK(er_store_month_counts(s, "BGT", 2024, 1, &completed, &late));
    assert_int_equal(completed, 2);
    assert_int_equal(late, 1);
    OK(er_store_month_counts(s, "BGT", 2024, 2, &completed, &late));
    assert_int_equal(completed, 1);
    assert_int_equal(late, 1);
    OK(er_store_month_counts(s, "EDF", 2024, 1, &completed, &late));
    assert_int_equal(completed, 2); /* a revoked measure was completed */
    assert_int_equal(late, 0);
    OK(er_store_month_counts(s, "EDF", 2023, 12, &completed, &late));
    assert_int_equal(completed, 1);
    assert_int_equal(late, 1);
    OK(er_store_month_counts(s, "OVO", 2024, 1, &completed, &late));
    assert_int_equal(completed, 0);
    assert_int_equal(late, 0);

    m = measure("EDF0000000009", ER_SCHEME_ECO4, "EDF", "", "recorded", day(2024, 12, 31), true);
    OK_E(er_store_measure_put(s, &m, &err_));
    OK(er_store_month_counts(s, "EDF", 2024, 12, &completed, &late));
    assert_int_equal(completed, 1);
    assert_int_equal(late, 1);

    assert_int_equal(er_store_month_counts(s, "EDF", 2024, 13, &completed, &late), ER_EINVAL);
    assert_int_equal(er_store_month_counts(s, "EDF", 2024, 0, &completed, &late), ER_EINVAL);
    er_store_close(s);
}

/* Collects "mrn>cited:kind;" for each link er_store_link_each gives. */
static int collect_link(void *ctx, const char *mrn, const char *cited, const char *kind)
{
    char *out = ctx;
    size_t n = strlen(out);

    snprintf(out + n, 512 - n, "%s>%s:%s;", mrn, cited, kind);
    return 0;
}

static void test_links(void **state)
{
    char all[512] = "";
    char out[ER_MRN_MAX];
    er_store *s = open_fresh(NULL);

    (void)state;
    assert_int_equal(er_store_link_find(s, "BGT0000000009", "infill", NULL, out), ER_ENOTFOUND);
    assert_string_equal(out, "");
    OK_E(er_store_link_put(s, "BGT0000000002", "BGT0000000009", "infill", &err_));
    OK(er_store_link_find(s, "BGT0000000009", "infill", NULL, out));
    assert_string_equal(out, "BGT0000000002");
    assert_int_equal(er_store_link_find(s, "BGT0000000009", "infill", "BGT0000000002", out),
                     ER_ENOTFOUND);
    assert_int_equal(er_store_link_find(s, "BGT0000000009", "insulation", NULL, out), ER_ENOTFOUND);
    assert_int_equal(er_store_link_find(s, "BGT0000000002", "infill", NULL, out),
                     ER_ENOTFOUND); /* a link has a direction */

    OK_E(er_store_link_put(s, "BGT0000000001", "BGT0000000009", "infill", &err_));
    OK_E(er_store_link_put(s, "BGT0000000003", "BGT0000000009", "insulation", &err_));
    /* the same link again (a re-notified row) is harmless */
    OK_E(er_store_link_put(s, "BGT0000000002", "BGT0000000009", "infill", &err_));

    OK(er_store_link_find(s, "BGT0000000009", "infill", NULL, out));
    assert_string_equal(out, "BGT0000000001"); /* the first in MRN order */
    OK(er_store_link_find(s, "BGT0000000009", "infill", "BGT0000000001", out));
    assert_string_equal(out, "BGT0000000002");
    OK(er_store_link_find(s, "BGT0000000009", "infill", "BGT0000000002", out));
    assert_string_equal(out, "BGT0000000001");
    OK(er_store_link_find(s, "BGT0000000009", "insulation", "BGT0000000001", out));
    assert_string_equal(out, "BGT0000000003");

    /* every link at either end, once each, in citing-MRN order */
    OK_E(er_store_link_put(s, "BGT0000000009", "BGT0000000008", "insulation", &err_));
    OK(er_store_link_each(s, "BGT0000000009", collect_link, all));
    assert_string_equal(all, "BGT0000000001>BGT0000000009:infill;"
                             "BGT0000000002>BGT0000000009:infill;"
                             "BGT0000000003>BGT0000000009:insulation;"
                             "BGT0000000009>BGT0000000008:insulation;");
    all[0] = '\0';
    OK(er_store_link_each(s, "BGT0000000002", collect_link, all));
    assert_string_equal(all, "BGT0000000002>BGT0000000009:infill;");
    all[0] = '\0';
    OK(er_store_link_each(s, "BGT0000000077", collect_link, all));
    assert_string_equal(all, "");

    assert_int_equal(er_store_link_put(s, "", "BGT0000000009", "infill", NULL), ER_EINVAL);
    assert_int_equal(er_store_link_put(s, "BGT0000000001", "BGT0000000009", "", NULL), ER_EINVAL);
    er_store_close(s);
}

/* ---- projects ----------------------------------------------------- */

static void test_projects(void **state)
{
    er_project_rec a = project("P-2", "EDF", "notified", "{\"project_id\":\"P-2\"}"),
                   b = project("P-10", "OVO", "checks_passed", NULL), got;
    struct list l = { 0 };
    er_store *s = open_fresh(NULL);

    (void)state;
    assert_int_equal(er_store_project_get(s, "P-2", &got), ER_ENOTFOUND);
    OK_E(er_store_project_put(s, &a, &err_));
    OK_E(er_store_project_put(s, &b, &err_));
    OK(er_store_project_get(s, "P-2", &got));
    assert_string_equal(got.project_id, "P-2");
    assert_int_equal(got.scheme, ER_SCHEME_ECO4);
    assert_string_equal(got.supplier, "EDF");
    assert_string_equal(got.state, "notified");
    assert_string_equal(got.content_hash, a.content_hash);
    assert_string_equal(got.content_json, "{\"project_id\":\"P-2\"}");
    assert_string_equal(got.failures_json, "[]");
    assert_int_equal(got.last_event, 2);
    er_store_project_free(&got);
    OK(er_store_project_get(s, "P-10", &got));
    assert_null(got.content_json);
    er_store_project_free(&got);

    a.last_event = 7;
    snprintf(a.state, sizeof a.state, "fps_awarded");
    OK_E(er_store_project_put(s, &a, &err_));
    OK(er_store_project_get(s, "P-2", &got));
    assert_string_equal(got.state, "fps_awarded");
    assert_int_equal(got.last_event, 7);
    er_store_project_free(&got);

    OK(er_store_project_each(s, on_project, &l));
    assert_string_equal(joined(&l), "P-10,P-2"); /* byte order */
    er_store_project_free(NULL);
    er_store_close(s);
}

/* ---- the obligation ledger ---------------------------------------- */

static er_ledger_row ledger_row(int64_t event, er_scheme_id scheme, const char *op,
                                const char *supplier_code, const char *subject, int64_t amount)
{
    er_ledger_row r;

    memset(&r, 0, sizeof r);
    r.event = event;
    r.scheme = scheme;
    snprintf(r.op, sizeof r.op, "%s", op);
    snprintf(r.supplier, sizeof r.supplier, "%s", supplier_code);
    snprintf(r.subject, sizeof r.subject, "%s", subject);
    r.amount = amount;
    r.completed = ER_DATE_NONE;
    return r;
}

static int on_ledger(void *ctx, const er_ledger_row *r)
{
    return add_key(ctx, r->op, r->seq);
}

static void test_ledger(void **state)
{
    er_event e1 = event("measure", "EDF0000000001", "approved", NULL),
             e2 = event("obligation", "ECO4:EDF", "set", NULL);
    er_ledger_row a, b, c, bad;
    struct list l = { 0 };
    er_error err = { 0 };
    er_store *s = open_fresh(NULL);

    (void)state;
    OK_E(er_store_append(s, &e1, &err_));
    snprintf(e2.at, sizeof e2.at, "2024-04-02T10:00:00Z");
    OK_E(er_store_append(s, &e2, &err_));
    a = ledger_row(e1.id, ER_SCHEME_GBIS, "award", "EDF", "EDF0000000001", 123456);
    a.tags = 5;
    a.completed = day(2024, 2, 29);
    snprintf(a.key, sizeof a.key, "001");
    b = ledger_row(e2.id, ER_SCHEME_ECO4, "obligation", "EDF", "", 99900000000);
    b.year = 2;
    c = ledger_row(e2.id, ER_SCHEME_GBIS, "revoke", "EDF", "EDF0000000001", 0);
    snprintf(c.to_supplier, sizeof c.to_supplier, "OVO");
    OK_E(er_store_ledger_add(s, &a, &err_));
    OK_E(er_store_ledger_add(s, &b, &err_));
    OK_E(er_store_ledger_add(s, &c, &err_));
    assert_true(a.seq < b.seq && b.seq < c.seq);
    /* an entry must come from an event of the journal, and have an op */
    bad = ledger_row(999, ER_SCHEME_GBIS, "award", "EDF", "x", 1);
    assert_int_not_equal(er_store_ledger_add(s, &bad, &err), ER_OK);
    bad = ledger_row(e1.id, ER_SCHEME_GBIS, "", "EDF", "x", 1);
    assert_int_equal(er_store_ledger_add(s, &bad, &err), ER_EINVAL);

    OK(er_store_ledger_each(s, -1, NULL, on_ledger, &l));
    assert_string_equal(joined(&l), "award,obligation,revoke");
    l.n = 0;
    OK(er_store_ledger_each(s, ER_SCHEME_GBIS, NULL, on_ledger, &l));
    assert_string_equal(joined(&l), "award,revoke");
    l.n = 0;
    OK(er_store_ledger_each(s, ER_SCHEME_ECO4, "EDF0000000001", on_ledger, &l));
    assert_string_equal(joined(&l), "");
    OK(er_store_ledger_each(s, -1, "EDF0000000001", on_ledger, &l));
    assert_string_equal(joined(&l), "award,revoke");
    l.n = 0;
    /* an empty subject is no subject: the obligation is not found by it */
    OK(er_store_ledger_each(s, -1, "", on_ledger, &l));
    assert_string_equal(joined(&l), "");
    assert_int_equal(er_store_ledger_each(s, 7, NULL, on_ledger, &l), ER_EINVAL);
    er_store_close(s);
}

static int ledger_first(void *ctx, const er_ledger_row *r)
{
    *(er_ledger_row *)ctx = *r;
    return 1;
}

/* Every field reads back as written; `at` is the event's. */
static void test_ledger_read_back(void **state)
{
    er_event e = event("obligation", "GBIS:OVO:2", "set", NULL);
    er_ledger_row w, got;
    er_store *s = open_fresh(NULL);

    (void)state;
    snprintf(e.at, sizeof e.at, "2024-05-06T07:08:09Z");
    OK_E(er_store_append(s, &e, &err_));
    w = ledger_row(e.id, ER_SCHEME_GBIS, "trade", "OVO", "T-1", -42);
    snprintf(w.to_supplier, sizeof w.to_supplier, "EDF");
    snprintf(w.key, sizeof w.key, "CWI_0.040");
    w.tags = 0x80000001u;
    w.year = 3;
    w.completed = day(2025, 12, 31);
    OK_E(er_store_ledger_add(s, &w, &err_));
    memset(&got, 0, sizeof got);
    OK(er_store_ledger_each(s, ER_SCHEME_GBIS, "T-1", ledger_first, &got));
    assert_int_equal(got.seq, w.seq);
    assert_int_equal(got.event, e.id);
    assert_int_equal(got.scheme, ER_SCHEME_GBIS);
    assert_string_equal(got.op, "trade");
    assert_string_equal(got.supplier, "OVO");
    assert_string_equal(got.to_supplier, "EDF");
    assert_string_equal(got.subject, "T-1");
    assert_int_equal(got.amount, -42);
    assert_int_equal(got.tags, 0x80000001u);
    assert_string_equal(got.key, "CWI_0.040");
    assert_int_equal(got.year, 3);
    assert_int_equal(got.completed, day(2025, 12, 31));
    assert_string_equal(got.at, "2024-05-06T07:08:09Z");
    er_store_close(s);
}

/* ---- transactions ------------------------------------------------- */

/* Writes one of everything; `n` makes the keys distinct. */
static void write_everything(er_store *s, int n)
{
    char code[4], mrn[ER_MRN_MAX], pid[16], ref[16];
    er_supplier sup;
    er_licence lic;
    er_event ev;
    er_measure_rec m;
    er_project_rec p;

    snprintf(code, sizeof code, "S%02d", n);
    snprintf(mrn, sizeof mrn, "%s%010d", code, n);
    snprintf(pid, sizeof pid, "P-%d", n);
    snprintf(ref, sizeof ref, "L%02d", n);
    sup = supplier(code, "Supplier");
    lic = licence(ref, code);
    ev = event("measure", mrn, "notified", "{}");
    m = measure(mrn, ER_SCHEME_GBIS, code, "", "recorded", day(2024, 5, 1), false);
    p = project(pid, code, "notified", "{}");
    OK_E(er_store_supplier_add(s, &sup, &err_));
    OK_E(er_store_licence_add(s, &lic, &err_));
    OK_E(er_store_append(s, &ev, &err_));
    OK_E(er_store_measure_put(s, &m, &err_));
    OK_E(er_store_link_put(s, mrn, "X0000000001", "infill", &err_));
    OK_E(er_store_project_put(s, &p, &err_));
}

static void assert_nothing_written(er_store *s)
{
    er_measure_rec m;
    er_project_rec p;
    char out[ER_MRN_MAX];
    long completed, late;

    assert_string_equal(supplier_codes(s), "");
    assert_string_equal(licence_list(s), "");
    assert_string_equal(event_subjects(s, NULL, NULL), "");
    assert_string_equal(measure_mrns(s, NULL), "");
    assert_int_equal(er_store_measure_get(s, "S010000000001", &m), ER_ENOTFOUND);
    assert_int_equal(er_store_project_get(s, "P-1", &p), ER_ENOTFOUND);
    assert_int_equal(er_store_link_find(s, "X0000000001", "infill", NULL, out), ER_ENOTFOUND);
    OK(er_store_month_counts(s, "S01", 2024, 5, &completed, &late));
    assert_int_equal(completed, 0);
}

static void test_rollback_discards(void **state)
{
    char uri[URI_MAX];
    er_store *s = open_fresh(uri);

    (void)state;
    OK_E(er_store_begin(s, &err_));
    write_everything(s, 1);
    assert_string_equal(supplier_codes(s), "S01"); /* visible inside */
    er_store_rollback(s);
    assert_nothing_written(s);
    er_store_rollback(s); /* none open: harmless */

    /* closing with a transaction open rolls it back */
    OK_E(er_store_begin(s, &err_));
    write_everything(s, 1);
    er_store_close(s);
    s = open_uri(uri);
    assert_nothing_written(s);
    er_store_close(s);
}

/* A read transaction sees one snapshot: what another connection commits
 * meanwhile is not seen until it ends, and that writer does not wait for
 * it. */
static void test_read_snapshot(void **state)
{
    char uri[URI_MAX];
    er_store *reader = open_fresh(uri), *writer = open_uri(uri);
    er_supplier sup;
    er_error err;

    (void)state;
    OK_E(er_store_begin_read(reader, &err_));
    assert_string_equal(supplier_codes(reader), ""); /* the snapshot is taken */
    assert_int_equal(er_store_begin_read(reader, &err), ER_EINVAL); /* one at a time */
    assert_int_equal(er_store_begin(reader, &err), ER_EINVAL);
    OK_E(er_store_begin(writer, &err_));
    write_everything(writer, 1);
    OK_E(er_store_commit(writer, &err_));
    assert_string_equal(supplier_codes(reader), "");
    assert_int_equal(er_store_supplier_get(reader, "S01", &sup), ER_ENOTFOUND);
    er_store_rollback(reader);
    assert_string_equal(supplier_codes(reader), "S01");
    er_store_close(writer);
    er_store_close(reader);
}

static void test_commit_keeps(void **state)
{
    char uri[URI_MAX], out[ER_MRN_MAX];
    er_measure_rec m;
    er_project_rec p;
    er_error err = { 0 };
    er_store *s = open_fresh(uri);

    (void)state;
    assert_int_equal(er_store_commit(s, &err), ER_EINVAL); /* none open */
    OK_E(er_store_begin(s, &err_));
    write_everything(s, 1);
    assert_int_equal(er_store_begin(s, &err), ER_EINVAL); /* twice */
    assert_true(err.message[0] != '\0');
    write_everything(s, 2); /* the first is still open */
    OK_E(er_store_commit(s, &err_));
    er_store_close(s);

    s = open_uri(uri);
    assert_string_equal(supplier_codes(s), "S01,S02");
    assert_string_equal(licence_list(s), "L01=S01,L02=S02");
    assert_string_equal(event_subjects(s, NULL, NULL), "S010000000001,S020000000002");
    OK(er_store_measure_get(s, "S020000000002", &m));
    er_store_measure_free(&m);
    OK(er_store_project_get(s, "P-1", &p));
    er_store_project_free(&p);
    OK(er_store_link_find(s, "X0000000001", "infill", NULL, out));
    assert_string_equal(out, "S010000000001");
    er_store_close(s);
}

/* A failed write inside a transaction undoes only itself: a bulk file
 * records its other rows. */
static void test_failed_write_keeps_transaction(void **state)
{
    er_supplier dup = supplier("S01", "again");
    er_licence dup_lic = licence("l01", "S01"), orphan = licence("L99", "S99");
    er_error err = { 0 };
    er_store *s = open_fresh(NULL);

    (void)state;
    OK_E(er_store_begin(s, &err_));
    write_everything(s, 1);
    assert_int_equal(er_store_supplier_add(s, &dup, &err), ER_EDUPLICATE);
    assert_int_equal(er_store_licence_add(s, &dup_lic, &err), ER_EDUPLICATE);
    assert_int_equal(er_store_licence_add(s, &orphan, &err), ER_ENOTFOUND);
    write_everything(s, 2);
    OK_E(er_store_commit(s, &err_));
    assert_string_equal(supplier_codes(s), "S01,S02");
    assert_string_equal(licence_list(s), "L01=S01,L02=S02");
    assert_string_equal(event_subjects(s, NULL, NULL), "S010000000001,S020000000002");
    er_store_close(s);
}

/* ---- a bulk file's worth ------------------------------------------ */

#define BULK_ROWS 20000

static double seconds_since(const struct timespec *t0)
{
    struct timespec t1;

    clock_gettime(CLOCK_MONOTONIC, &t1);
    return (double)(t1.tv_sec - t0->tv_sec) + (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

static int count_measure(void *ctx, const er_measure_rec *m)
{
    (void)m;
    (*(long *)ctx)++;
    return 0;
}

static int count_event(void *ctx, const er_event *ev)
{
    (void)ev;
    (*(long *)ctx)++;
    return 0;
}

static void test_bulk_transaction(void **state)
{
    static const char row[] =
        "{\"Supplier_Reference\":\"REF-000123\",\"Purpose_of_Notification\":\"New Notification\","
        "\"Measure_Type\":\"Cavity_wall_insulation\",\"Completion_Date\":\"14/02/2024\","
        "\"Eligibility_Type\":\"General Group\",\"Building_Number\":\"12\",\"Street_Name\":"
        "\"High Street\",\"Town\":\"Reading\",\"Post_Code\":\"RG1 1AA\",\"UPRN\":\"N/A\"}";
    char payload[sizeof row + 64];
    er_measure_rec m = measure("", ER_SCHEME_GBIS, "BGT", "", "recorded", day(2024, 2, 14), false);
    struct timespec t0;
    double put_s, commit_s;
    long n_measures = 0, n_events = 0;
    er_store *s = open_fresh(NULL);
    er_event ev;
    int i;

    (void)state;
    snprintf(payload, sizeof payload, "{\"row\":%s,\"failures\":[]}", row);
    clock_gettime(CLOCK_MONOTONIC, &t0);
    OK_E(er_store_begin(s, &err_));
    for (i = 0; i < BULK_ROWS; i++) {
        snprintf(m.mrn, sizeof m.mrn, "BGT%010d", i);
        ev = event("measure", m.mrn, "notified", payload);
        OK_E(er_store_append(s, &ev, &err_));
        m.row_event = m.last_event = ev.id;
        m.late_extension = i % 20 == 0;
        OK_E(er_store_measure_put(s, &m, &err_));
    }
    put_s = seconds_since(&t0);
    OK_E(er_store_commit(s, &err_));
    commit_s = seconds_since(&t0) - put_s;
    print_message("store bulk: %d appends + %d measure puts in one transaction: %.3f s "
                  "(%.0f rows/s, commit %.1f ms)\n",
                  BULK_ROWS, BULK_ROWS, put_s + commit_s, BULK_ROWS / (put_s + commit_s),
                  commit_s * 1e3);

    OK(er_store_measure_each(s, NULL, count_measure, &n_measures));
    OK(er_store_events(s, "measure", NULL, count_event, &n_events));
    assert_int_equal(n_measures, BULK_ROWS);
    assert_int_equal(n_events, BULK_ROWS);
    {
        long completed, late;

        OK(er_store_month_counts(s, "BGT", 2024, 2, &completed, &late));
        assert_int_equal(completed, BULK_ROWS);
        assert_int_equal(late, BULK_ROWS / 20);
    }
    er_store_close(s);
}

/* ---- running out of memory ---------------------------------------- */

static void test_alloc_sweep_measure_get(void **state)
{
    er_measure_rec m = measure("BGT0000000001", ER_SCHEME_GBIS, "BGT", "", "recorded",
                               day(2024, 1, 1), false),
                   got;
    er_project_rec p = project("P-1", "EDF", "notified", "{\"a\":1}"), gotp;
    er_store *s = open_fresh(NULL);
    int nomem = 0;
    long at;
    er_status rc;

    (void)state;
    notified(s, &m, "[\"x\"]", "[]");
    OK_E(er_store_measure_put(s, &m, &err_));
    OK_E(er_store_project_put(s, &p, &err_));
    for (at = 0; at < 50; at++) {
        test_fail_allocation(at);
        rc = er_store_measure_get(s, m.mrn, &got);
        test_fail_allocation(-1);
        if (rc == ER_OK) {
            assert_measure_equal(&got, &m);
            er_store_measure_free(&got);
            if (!test_allocation_failed())
                break;
            continue;
        }
        assert_true(test_allocation_failed());
        assert_int_equal(rc, ER_ENOMEM);
        assert_null(got.row_json);
        assert_null(got.failures_json);
        nomem++;
    }
    assert_int_equal(nomem, 2); /* row_json, failures_json */

    for (nomem = 0, at = 0; at < 50; at++) {
        test_fail_allocation(at);
        rc = er_store_project_get(s, p.project_id, &gotp);
        test_fail_allocation(-1);
        if (rc == ER_OK) {
            assert_string_equal(gotp.content_json, "{\"a\":1}");
            er_store_project_free(&gotp);
            if (!test_allocation_failed())
                break;
            continue;
        }
        assert_int_equal(rc, ER_ENOMEM);
        assert_null(gotp.content_json);
        assert_null(gotp.failures_json);
        nomem++;
    }
    assert_int_equal(nomem, 2);
    er_store_close(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_open_creates_and_migrates),
        cmocka_unit_test(test_open_bad_arguments),
        cmocka_unit_test(test_suppliers),
        cmocka_unit_test(test_licences),
        cmocka_unit_test(test_references),
        cmocka_unit_test(test_append_and_read),
        cmocka_unit_test(test_events_read_back_identical),
        cmocka_unit_test(test_callbacks_may_reenter),
        cmocka_unit_test(test_measure_put_get_replace),
        cmocka_unit_test(test_measure_each_filters),
        cmocka_unit_test(test_month_counts),
        cmocka_unit_test(test_links),
        cmocka_unit_test(test_projects),
        cmocka_unit_test(test_ledger),
        cmocka_unit_test(test_ledger_read_back),
        cmocka_unit_test(test_rollback_discards),
        cmocka_unit_test(test_read_snapshot),
        cmocka_unit_test(test_commit_keeps),
        cmocka_unit_test(test_failed_write_keeps_transaction),
        cmocka_unit_test(test_bulk_transaction),
        cmocka_unit_test(test_alloc_sweep_measure_get),
    };

    return cmocka_run_group_tests(tests, suite_setup, suite_teardown);
}
