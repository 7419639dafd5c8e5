/*
 * bench_score.c: how fast the core finds matrix rows and quotes projects,
 * and a generator of JSON Lines projects for the end-to-end benchmark of
 * `ecoreg quote` (scripts/bench.sh, docs/performance.md).
 *
 * Every key is a real row of Ofgem's shipped CSVs (the ECO4 partial
 * project scores and the GBIS scores), drawn with a fixed-seed xorshift64*
 * so that two runs time the same work.  Every key must find the row it
 * came from (checked once, untimed, before the timings) and every
 * generated project must score: a miss makes the run fail, because it
 * means the library lost or mixed up a row.  This is a benchmark, not a
 * test: it prints figures and asserts nothing about them.
 *
 *   bench_score [DATADIR]                 time the core on one core
 *   bench_score --jsonl N FILE [DATADIR]  write N projects as JSON Lines
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench.h"
#include "ecoreg/alloc.h"
#include "ecoreg/io.h"
#include "ecoreg/quote.h"

/* How much work each timing does. */
#define LOOKUPS 5000000L
#define QUOTES 1000000L
/* Draws and projects are generated ahead into rings of this size (a power
 * of two), so the timed loops do nothing but the work they time. */
#define RING 65536u
/* Most measures a generated project has (ECO4: 2-4, GBIS: 1). */
#define PROJECT_MEASURES_MAX 4
/* Longest line of a shipped matrix CSV we accept. */
#define CSV_LINE_MAX 1024
/* Most projects --jsonl writes. */
#define JSONL_MAX 100000000L

/* One real key of a PPS or GBIS matrix; strings owned by the key set. */
struct key {
    er_scheme_id scheme;
    const char *measure_type;
    const char *pre;
    const char *post; /* "N/A" for GBIS, which has no post heat source */
    er_segment seg;
    er_band band;        /* ER_BAND_NONE for Fixed Value Increase rows */
    uint32_t row;        /* 1-based data row of the CSV */
    int64_t cost_tenths; /* its Cost Savings, to check what a look-up finds */
};

/* Index of band ER_BAND_NONE in the per-band buckets. */
#define BAND_SLOT(b) ((b) == ER_BAND_NONE ? ER_BAND_COUNT : (int)(b))
#define BAND_SLOTS (ER_BAND_COUNT + 1)

/* Indices into keys[] of one scheme, segment and band. */
struct bucket {
    uint32_t *a;
    uint32_t n, cap;
};

/* All keys read from the CSVs, and the buckets projects are drawn from. */
struct keyset {
    struct key *keys;
    uint32_t n, cap;
    char **strings; /* every field string, owned */
    uint32_t n_strings, cap_strings;
    uint32_t *banded[ER_SCHEME_COUNT]; /* keys with a band, per scheme */
    uint32_t n_banded[ER_SCHEME_COUNT];
    struct bucket buckets[ER_SCHEME_COUNT][ER_SEGMENT_COUNT][BAND_SLOTS];
    int band_lo[ER_BAND_COUNT], band_hi[ER_BAND_COUNT]; /* SAP tenths */
};

/* One generated project: the core input and the measures it borrows. */
struct project {
    er_scheme_id scheme;
    er_quote_input in;
    er_quote_measure measures[PROJECT_MEASURES_MAX];
};

/* xorshift64* (Vigna, "An experimental exploration of Marsaglia's
 * xorshift generators", 2016): fast, fixed seed, no rand(). */
static uint64_t rng_state = 0x9e3779b97f4a7c15ull;

static uint64_t rng_next(void)
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 0x2545f4914f6cdd1dull;
}

/* A number in 0..n-1 (n > 0); the modulo bias is immaterial here. */
static uint32_t rng_below(uint32_t n)
{
    return (uint32_t)((rng_next() >> 32) % n);
}

/* A number in lo..hi inclusive. */
static int rng_range(int lo, int hi)
{
    return lo + (int)rng_below((uint32_t)(hi - lo + 1));
}

/* Doubles the array `a` of *cap elements of `size` bytes: the new array,
 * or NULL (with `a` untouched) when out of memory. */
static void *grow(void *a, uint32_t *cap, size_t size)
{
    uint32_t n = *cap ? *cap * 2 : 1024;
    void *p = er_realloc(a, n * size);

    if (p)
        *cap = n;
    return p;
}

/* Keeps a copy of `s` for the life of the key set. */
static const char *keep(struct keyset *ks, const char *s)
{
    char **a, *p;

    if (ks->n_strings == ks->cap_strings) {
        if (!(a = grow(ks->strings, &ks->cap_strings, sizeof *a)))
            return NULL;
        ks->strings = a;
    }
    p = er_strdup(s);
    if (p)
        ks->strings[ks->n_strings++] = p;
    return p;
}

static int bucket_add(struct bucket *b, uint32_t i)
{
    uint32_t *a;

    if (b->n == b->cap) {
        if (!(a = grow(b->a, &b->cap, sizeof *a)))
            return -1;
        b->a = a;
    }
    b->a[b->n++] = i;
    return 0;
}

/* Splits `line` in place at commas (no quoted fields in Ofgem's CSVs) and
 * drops a trailing CR/LF; returns the number of fields. */
static int split(char *line, char *f[], int max)
{
    int n = 0;

    line[strcspn(line, "\r\n")] = '\0';
    f[n++] = line;
    while (n < max && (line = strchr(line, ',')) != NULL) {
        *line++ = '\0';
        f[n++] = line;
    }
    return n;
}

/* The column of header field `name` (trailing spaces ignored); -1 if none. */
static int column(char *f[], int n, const char *name)
{
    size_t len = strlen(name);
    int i;

    for (i = 0; i < n; i++)
        if (strncmp(f[i], name, len) == 0 && f[i][len + strspn(f[i] + len, " ")] == '\0')
            return i;
    return -1;
}

/* Column numbers of the key fields; post is -1 for GBIS. */
struct columns {
    int measure, pre, post, seg, band, cost, n;
};

static int find_columns(char *header, struct columns *c, const char *path)
{
    char *f[32];
    int n = split(header, f, 32);

    /* Ofgem's files may start with a UTF-8 byte order mark */
    if (strncmp(f[0], "\xef\xbb\xbf", 3) == 0)
        f[0] += 3;
    c->n = n;
    c->measure = column(f, n, "Measure_Type");
    c->pre = column(f, n, "Pre_Main_Heating_Source");
    c->post = column(f, n, "Post_Main_Heating_Source");
    c->seg = column(f, n, "Total Floor Area Band");
    c->band = column(f, n, "Starting Band");
    c->cost = column(f, n, "Cost Savings");
    if (c->measure < 0 || c->pre < 0 || c->seg < 0 || c->band < 0 || c->cost < 0) {
        fprintf(stderr, "bench_score: %s: a key column is missing\n", path);
        return -1;
    }
    return 0;
}

/* Adds the key of one data row. */
static int add_key(struct keyset *ks, er_scheme_id scheme, const struct columns *c, char *f[],
                   long row, const char *path)
{
    struct key k = { .scheme = scheme, .row = (uint32_t)row };
    er_q cost;

    if (er_segment_parse(f[c->seg], &k.seg) || er_band_parse(f[c->band], &k.band) ||
        er_q_parse(f[c->cost], &cost) || er_q_round(cost, 10, &k.cost_tenths)) {
        fprintf(stderr, "bench_score: %s row %ld: bad segment, band or cost\n", path, row);
        return -1;
    }
    k.measure_type = keep(ks, f[c->measure]);
    k.pre = keep(ks, f[c->pre]);
    k.post = c->post >= 0 ? keep(ks, f[c->post]) : ER_MATRIX_NA;
    if (!k.measure_type || !k.pre || !k.post)
        return -1;
    if (ks->n == ks->cap) {
        struct key *a = grow(ks->keys, &ks->cap, sizeof *a);

        if (!a)
            return -1;
        ks->keys = a;
    }
    ks->keys[ks->n++] = k;
    return 0;
}

/* Reads the key columns of every data row of `file` under `datadir`. */
static int read_keys(struct keyset *ks, const char *datadir, const char *file, er_scheme_id scheme)
{
    char path[4096], line[CSV_LINE_MAX], *f[32];
    struct columns c;
    long row = 0;
    FILE *in;
    int rc = -1;

    snprintf(path, sizeof path, "%s/ofgem/%s", datadir, file);
    if (!(in = fopen(path, "r"))) {
        fprintf(stderr, "bench_score: %s: %s\n", path, strerror(errno));
        return -1;
    }
    if (!fgets(line, sizeof line, in) || find_columns(line, &c, path))
        goto done;
    while (fgets(line, sizeof line, in)) {
        row++;
        if (line[strspn(line, " \r\n")] == '\0')
            continue; /* blank row */
        if (split(line, f, 32) != c.n) {
            fprintf(stderr, "bench_score: %s row %ld: not %d fields\n", path, row, c.n);
            goto done;
        }
        if (add_key(ks, scheme, &c, f, row, path))
            goto done;
    }
    rc = ferror(in) ? -1 : 0;
done:
    fclose(in);
    return rc;
}

/* Sorts the keys into buckets by scheme, segment and band, and finds the
 * SAP range (tenths) of each band with er_sap_band(). */
static int index_keys(struct keyset *ks)
{
    uint32_t i;
    int t, b;

    for (b = 0; b < ER_BAND_COUNT; b++)
        ks->band_lo[b] = -1;
    for (t = ER_SAP_MIN_TENTHS; t <= 1000; t++) {
        b = er_sap_band(t);
        if (ks->band_lo[b] < 0)
            ks->band_lo[b] = t;
        ks->band_hi[b] = t;
    }
    for (i = 0; i < ER_SCHEME_COUNT; i++) {
        ks->banded[i] = er_malloc(ks->n * sizeof *ks->banded[i] + 1);
        if (!ks->banded[i])
            return -1;
    }
    for (i = 0; i < ks->n; i++) {
        const struct key *k = &ks->keys[i];

        if (bucket_add(&ks->buckets[k->scheme][k->seg][BAND_SLOT(k->band)], i))
            return -1;
        if (k->band != ER_BAND_NONE)
            ks->banded[k->scheme][ks->n_banded[k->scheme]++] = i;
    }
    for (i = 0; i < ER_SCHEME_COUNT; i++)
        if (ks->n_banded[i] == 0) {
            fprintf(stderr, "bench_score: no %s key has a band\n", er_scheme_name((er_scheme_id)i));
            return -1;
        }
    return 0;
}

static void keyset_free(struct keyset *ks)
{
    uint32_t i;
    int s, g, b;

    for (i = 0; i < ks->n_strings; i++)
        er_free(ks->strings[i]);
    er_free(ks->strings);
    er_free(ks->keys);
    for (s = 0; s < ER_SCHEME_COUNT; s++) {
        er_free(ks->banded[s]);
        for (g = 0; g < ER_SEGMENT_COUNT; g++)
            for (b = 0; b < BAND_SLOTS; b++)
                er_free(ks->buckets[s][g][b].a);
    }
}

/* A floor area (tenths of m2) inside segment `seg` (er_floor_segment()). */
static int area_in(er_segment seg)
{
    switch (seg) {
    case ER_SEGMENT_0_72: return rng_range(200, 729);
    case ER_SEGMENT_73_97: return rng_range(730, 970);
    case ER_SEGMENT_98_199: return rng_range(980, 1999);
    default: return rng_range(2000, 4000);
    }
}

/* Another measure for a project of segment `seg` and band `band`: a key of
 * the same segment and band, or a Fixed Value Increase of that segment. */
static const struct key *draw_more(const struct keyset *ks, er_scheme_id s, er_segment seg,
                                   er_band band)
{
    const struct bucket *same = &ks->buckets[s][seg][BAND_SLOT(band)];
    const struct bucket *fixed = &ks->buckets[s][seg][BAND_SLOT(ER_BAND_NONE)];
    uint32_t r = rng_below(same->n + fixed->n);

    return &ks->keys[r < same->n ? same->a[r] : fixed->a[r - same->n]];
}

/* Fills `p` with a project that scores: ~80% ECO4 with 2-4 measures (half
 * of them with a finishing SAP), ~20% GBIS with one measure.  Its starting
 * SAP lies in the first key's band and its floor area in the key's segment,
 * so every look-up succeeds.  Strings are borrowed from `ks`; the floor
 * area and SAPs are in tenths in `*area_tenths` and the input. */
static void draw_project(const struct keyset *ks, struct project *p, int *area_tenths)
{
    er_scheme_id s = rng_below(5) ? ER_SCHEME_ECO4 : ER_SCHEME_GBIS;
    const struct key *k = &ks->keys[ks->banded[s][rng_below(ks->n_banded[s])]];
    size_t i, n = s == ER_SCHEME_ECO4 ? (size_t)rng_range(2, PROJECT_MEASURES_MAX) : 1;

    memset(p, 0, sizeof *p);
    p->scheme = s;
    *area_tenths = area_in(k->seg);
    p->in.floor_area = *area_tenths / 10.0;
    p->in.starting_sap_tenths = rng_range(ks->band_lo[k->band], ks->band_hi[k->band]);
    p->in.finishing_sap_tenths = -1;
    if (s == ER_SCHEME_ECO4 && rng_below(2))
        p->in.finishing_sap_tenths = rng_range(p->in.starting_sap_tenths, 1000);
    p->in.completion = ER_DATE_NONE;
    for (i = 0; i < n; i++) {
        const struct key *m = i == 0 ? k : draw_more(ks, s, k->seg, k->band);

        p->measures[i] = (er_quote_measure){ .measure_type = m->measure_type,
                                             .pre_heating = m->pre,
                                             .post_heating = m->post,
                                             .popt = { .full = true, .percent = 100 } };
    }
    p->in.n_measures = n;
    p->in.measures = p->measures;
}

/* Checks, untimed, that every key finds the row it was read from. */
static int check_keys(const struct keyset *ks, const er_matrix *const m[])
{
    uint32_t i, bad = 0;

    for (i = 0; i < ks->n; i++) {
        const struct key *k = &ks->keys[i];
        const er_matrix_entry *e;

        if (er_matrix_find(m[k->scheme], k->measure_type, k->pre, k->post, k->seg, k->band, &e) ==
                ER_OK &&
            e->row == k->row && e->cost_tenths == k->cost_tenths)
            continue;
        if (bad++ < 5)
            fprintf(stderr, "bench_score: %s row %u (%s, %s, %s, %s, %s): %s\n",
                    er_matrix_version(m[k->scheme]), (unsigned)k->row, k->measure_type, k->pre,
                    k->post, er_segment_name(k->seg), er_band_name(k->band),
                    e ? "found another row" : "not found");
    }
    if (bad)
        fprintf(stderr, "bench_score: %u of %u keys do not find their row\n", (unsigned)bad,
                (unsigned)ks->n);
    return bad ? -1 : 0;
}

/* Times er_matrix_find() over LOOKUPS random keys; 0 when all were found. */
static int bench_lookup(const struct keyset *ks, const er_scheme schemes[])
{
    static const er_matrix_kind kinds[ER_SCHEME_COUNT] = { ER_MATRIX_ECO4_PPS, ER_MATRIX_GBIS };
    const er_matrix *m[ER_SCHEME_COUNT];
    uint32_t *ring;
    volatile int64_t sink = 0;
    int64_t sum = 0;
    long i, misses = 0;
    double t0, t;
    int s;

    for (s = 0; s < ER_SCHEME_COUNT; s++)
        if (er_scheme_matrix(&schemes[s], kinds[s], ER_DATE_NONE, &m[s], NULL))
            return -1;
    if (check_keys(ks, m) || !(ring = er_malloc(RING * sizeof *ring)))
        return -1;
    for (i = 0; i < (long)RING; i++)
        ring[i] = rng_below(ks->n);
    t0 = bench_now();
    for (i = 0; i < LOOKUPS; i++) {
        const struct key *k = &ks->keys[ring[i & (RING - 1)]];
        const er_matrix_entry *e;

        if (er_matrix_find(m[k->scheme], k->measure_type, k->pre, k->post, k->seg, k->band, &e) ==
            ER_OK)
            sum += e->cost_tenths;
        else
            misses++;
    }
    t = bench_now() - t0;
    sink = sum;
    (void)sink;
    er_free(ring);
    printf("core look-up: %.0f measures/s (%ld look-ups of %u keys in %.3f s, %.0f ns each)\n",
           LOOKUPS / t, LOOKUPS, ks->n, t, t * 1e9 / LOOKUPS);
    if (misses)
        fprintf(stderr, "bench_score: %ld look-ups of real keys found nothing\n", misses);
    return misses ? -1 : 0;
}

/* Times er_quote_project() over QUOTES generated projects. */
static int bench_quote(const struct keyset *ks, const er_scheme schemes[])
{
    struct project *ring = er_malloc(RING * sizeof *ring);
    er_quote_measure_result results[PROJECT_MEASURES_MAX];
    er_quote_result res = { .measures = results };
    volatile int64_t sink = 0;
    int64_t sum = 0;
    long i, measures = 0, failed = 0;
    double t0, t;
    int area;

    if (!ring)
        return -1;
    for (i = 0; i < (long)RING; i++)
        draw_project(ks, &ring[i], &area);
    t0 = bench_now();
    for (i = 0; i < QUOTES; i++) {
        const struct project *p = &ring[i & (RING - 1)];

        if (er_quote_project(&schemes[p->scheme], &p->in, &res) == ER_OK) {
            sum += res.score.num;
        } else if (failed++ == 0) {
            fprintf(stderr, "bench_score: project %ld: %s: %s\n", i,
                    res.n_errors ? res.errors[0].field : "",
                    res.n_errors ? res.errors[0].message : "overflow");
        }
        measures += (long)p->in.n_measures;
    }
    t = bench_now() - t0;
    sink = sum;
    (void)sink;
    er_free(ring);
    printf("core quote: %.0f projects/s, %.0f measures/s (%ld projects, %ld measures "
           "in %.3f s)\n",
           QUOTES / t, measures / t, QUOTES, measures, t);
    if (failed)
        fprintf(stderr, "bench_score: %ld generated projects did not score\n", failed);
    return failed ? -1 : 0;
}

/* Writes `s` as a JSON string. */
static void put_json_string(FILE *out, const char *s)
{
    putc('"', out);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;

        if (c == '"' || c == '\\')
            fprintf(out, "\\%c", c);
        else if (c < 0x20)
            fprintf(out, "\\u%04x", c);
        else
            putc(c, out);
    }
    putc('"', out);
}

/* One generated project as one line of JSON (`ecoreg quote --help`). */
static void put_project(FILE *out, const struct project *p, int area, long id)
{
    size_t i;

    fprintf(out,
            "{\"project_id\":\"P%08ld\",\"scheme\":\"%s\",\"floor_area\":%d.%d,"
            "\"starting_sap\":%d.%d",
            id, er_scheme_name(p->scheme), area / 10, area % 10, p->in.starting_sap_tenths / 10,
            p->in.starting_sap_tenths % 10);
    if (p->in.finishing_sap_tenths >= 0)
        fprintf(out, ",\"finishing_sap\":%d.%d", p->in.finishing_sap_tenths / 10,
                p->in.finishing_sap_tenths % 10);
    fputs(",\"measures\":[", out);
    for (i = 0; i < p->in.n_measures; i++) {
        const er_quote_measure *m = &p->measures[i];

        fprintf(out, "%s{\"mrn\":\"M%08ld-%zu\",\"measure_type\":", i ? "," : "", id, i + 1);
        put_json_string(out, m->measure_type);
        fputs(",\"pre_main_heating_source\":", out);
        put_json_string(out, m->pre_heating);
        if (p->scheme == ER_SCHEME_ECO4) {
            fputs(",\"post_main_heating_source\":", out);
            put_json_string(out, m->post_heating);
        }
        putc('}', out);
    }
    fputs("]}\n", out);
}

/* --jsonl N FILE: writes N generated projects. */
static int write_jsonl(const struct keyset *ks, const char *count, const char *path)
{
    struct project p;
    char *end;
    long i, n;
    int area;
    FILE *out;

    errno = 0;
    n = strtol(count, &end, 10);
    if (errno || end == count || *end || n < 1 || n > JSONL_MAX) {
        fprintf(stderr, "bench_score: --jsonl: N must be 1 to %ld\n", JSONL_MAX);
        return -1;
    }
    if (!(out = fopen(path, "w"))) {
        fprintf(stderr, "bench_score: %s: %s\n", path, strerror(errno));
        return -1;
    }
    for (i = 1; i <= n; i++) {
        draw_project(ks, &p, &area);
        put_project(out, &p, area, i);
    }
    if (fclose(out) != 0) {
        fprintf(stderr, "bench_score: %s: write failed\n", path);
        return -1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    er_scheme schemes[ER_SCHEME_COUNT];
    struct keyset ks;
    er_error err = { 0 };
    const char *datadir;
    int jsonl = argc >= 2 && strcmp(argv[1], "--jsonl") == 0;
    int rc = 1;

    memset(schemes, 0, sizeof schemes);
    memset(&ks, 0, sizeof ks);
    if ((jsonl && (argc < 4 || argc > 5)) || (!jsonl && argc > 2) ||
        (!jsonl && argc == 2 && argv[1][0] == '-')) {
        fprintf(stderr, "usage: bench_score [DATADIR]\n"
                        "       bench_score --jsonl N FILE [DATADIR]\n");
        return 2;
    }
    datadir = er_datadir(jsonl ? (argc == 5 ? argv[4] : NULL) : (argc == 2 ? argv[1] : NULL));
    if (er_scheme_load(datadir, ER_SCHEME_ECO4, NULL, &schemes[ER_SCHEME_ECO4], &err) ||
        er_scheme_load(datadir, ER_SCHEME_GBIS, NULL, &schemes[ER_SCHEME_GBIS], &err)) {
        fprintf(stderr, "bench_score: %s\n", err.message);
        goto done;
    }
    if (read_keys(&ks, datadir, "eco4_partial_project_scores_v6.csv", ER_SCHEME_ECO4) ||
        read_keys(&ks, datadir, "gbis_scores_v3.csv", ER_SCHEME_GBIS) || index_keys(&ks))
        goto done;
    if (jsonl)
        rc = write_jsonl(&ks, argv[2], argv[3]) ? 1 : 0;
    else
        rc = bench_lookup(&ks, schemes) || bench_quote(&ks, schemes) ? 1 : 0;
done:
    keyset_free(&ks);
    er_scheme_clear(&schemes[ER_SCHEME_ECO4]);
    er_scheme_clear(&schemes[ER_SCHEME_GBIS]);
    return rc;
}
