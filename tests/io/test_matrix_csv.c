/*
 * test_matrix_csv.c: the Ofgem matrix CSV reader (src/io/matrix_csv.c).
 *
 * The shipped matrices are loaded and every one of their rows is found
 * again by look-up and compared with the published figures, which this
 * file reads itself with a deliberately naive reader (fgets and commas:
 * the shipped files hold no quoted fields, and the reader asserts it) and
 * converts with its own digit arithmetic.  Spot checks carry literal values
 * copied from the CSVs, with their line numbers.  Small in-memory CSVs
 * cover the quirks the reader accepts and the errors it reports, and an
 * allocation-failure sweep proves every failure path frees what it took.
 */
#include "support.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ecoreg/alloc.h"
#include "ecoreg/io.h"
#include "ecoreg/matrix.h"

#define FPS_FILE "ofgem/eco4_full_project_scores_v2.csv"
#define PPS_FILE "ofgem/eco4_partial_project_scores_v6.csv"
#define GBIS_FILE "ofgem/gbis_scores_v3.csv"

/* ---- an independent reader of the shipped files ---------------------- */

#define REF_LINE_MAX 512
#define REF_FIELDS_MAX 12

/* The test's own spelling tables, in the order of the public enums. */
static const char *const ref_bands[] = {
    "Low_G", "High_G", "Low_F", "High_F", "Low_E", "High_E", "Low_D",
    "High_D", "Low_C", "High_C", "Low_B", "High_B", "Low_A", "High_A",
};
static const char *const ref_segments[] = { "0-72", "73-97", "98-199", "200+" };

static er_band ref_band(const char *s)
{
    size_t i;

    if (strcmp(s, "N/A") == 0)
        return ER_BAND_NONE;
    for (i = 0; i < sizeof ref_bands / sizeof *ref_bands; i++)
        if (strcmp(s, ref_bands[i]) == 0)
            return (er_band)i;
    fail_msg("unknown band \"%s\"", s);
    return ER_BAND_NONE;
}

static er_segment ref_segment(const char *s)
{
    size_t i;

    for (i = 0; i < sizeof ref_segments / sizeof *ref_segments; i++)
        if (strcmp(s, ref_segments[i]) == 0)
            return (er_segment)i;
    fail_msg("unknown segment \"%s\"", s);
    return ER_SEGMENT_NONE;
}

/*
 * The published decimal `s` in units of 10^-scale.  Digits past `scale`
 * round half up (Ofgem's workbook shows cost savings to one decimal); each
 * rounding is counted in *rounded so the test can say how many there are.
 */
static long ref_fixed(const char *s, int scale, int *rounded)
{
    const char *frac = strchr(s, '.');
    char *end;
    long whole = strtol(s, &end, 10), v;
    size_t nfrac = frac ? strlen(frac + 1) : 0;
    int i;

    if (end != (frac ? frac : s + strlen(s)) || end == s)
        fail_msg("\"%s\" is not a plain decimal", s);
    v = whole;
    for (i = 0; i < scale; i++)
        v = v * 10 + ((size_t)i < nfrac ? frac[1 + i] - '0' : 0);
    if (nfrac > (size_t)scale) {
        assert_non_null(rounded);
        (*rounded)++;
        if (frac[1 + scale] >= '5')
            v++;
    }
    return v;
}

/* Splits `line` in place on commas; returns the number of fields. */
static int ref_split(char *line, char **f)
{
    int n = 0;
    char *p = line, *comma;

    for (;;) {
        assert_true(n < REF_FIELDS_MAX);
        f[n++] = p;
        if (!(comma = strchr(p, ',')))
            break;
        *comma = '\0';
        p = comma + 1;
    }
    return n;
}

/* Reads one line without its end; 0 at end of file. */
static int ref_line(FILE *f, char *line)
{
    size_t n;

    if (!fgets(line, REF_LINE_MAX, f))
        return 0;
    n = strlen(line);
    assert_true(n > 0 && line[n - 1] == '\n'); /* the line fitted */
    line[--n] = '\0';
    if (n && line[n - 1] == '\r')
        line[--n] = '\0';
    assert_null(strchr(line, '"')); /* no quoted fields in shipped files */
    return 1;
}

/* The published header of each kind, byte for byte (note the space). */
static const char *const ref_headers[ER_MATRIX_KIND_COUNT] = {
    "Floor Area Segment,Starting Band,Finishing Band,Cost Savings",
    "Measure category,Measure_Type,Pre_Main_Heating_Source,"
    "Post_Main_Heating_Source,Total Floor Area Band ,Starting Band,"
    "Average Treatable Factor,Cost Savings,SAP Savings",
    "Measure category,Measure_Type,Pre_Main_Heating_Source,"
    "Total Floor Area Band ,Starting Band,Average Treatable Factor,"
    "Cost Savings",
};
static const int ref_widths[ER_MATRIX_KIND_COUNT] = { 4, 9, 7 };

/* Finds the row of the published `f` in `m` and compares every figure. */
static void check_row(const er_matrix *m, er_matrix_kind kind, char **f,
                      long line, int *rounded)
{
    const er_matrix_entry *e = NULL;
    er_status rc;
    int c = kind == ER_MATRIX_ECO4_PPS; /* PPS has one more column */

    if (kind == ER_MATRIX_ECO4_FPS)
        rc = er_matrix_find_fps(m, ref_segment(f[0]), ref_band(f[1]),
                                ref_band(f[2]), &e);
    else
        rc = er_matrix_find(m, f[1], f[2], c ? f[3] : NULL,
                            ref_segment(f[3 + c]), ref_band(f[4 + c]), &e);
    if (rc != ER_OK)
        fail_msg("line %ld not found: %s", line, er_strerror(rc));
    assert_int_equal(e->row, line - 1);
    if (kind == ER_MATRIX_ECO4_FPS) {
        assert_int_equal(e->cost_tenths, ref_fixed(f[3], 1, rounded));
        assert_int_equal(e->atf_hundredths, 0);
        assert_int_equal(e->sap_savings_hundredths, -1);
        return;
    }
    assert_string_equal(e->category, f[0]);
    assert_int_equal(e->atf_hundredths, ref_fixed(f[5 + c], 2, NULL));
    assert_int_equal(e->cost_tenths, ref_fixed(f[6 + c], 1, rounded));
    if (kind == ER_MATRIX_GBIS || strcmp(f[8], "N/A") == 0)
        assert_int_equal(e->sap_savings_hundredths, -1);
    else
        assert_int_equal(e->sap_savings_hundredths, ref_fixed(f[8], 2, NULL));
}

/* Loads a shipped file and checks every published row against it. */
static void check_shipped(const char *file, er_matrix_kind kind, long want_rows,
                          int want_rounded)
{
    char path[1024], line[REF_LINE_MAX], *f[REF_FIELDS_MAX];
    er_matrix *m = NULL;
    er_error err;
    FILE *fp;
    long n = 0;
    int rounded = 0;

    snprintf(path, sizeof path, "%s", test_data_path(file));
    if (er_matrix_load_csv(path, kind, "shipped", ER_DATE_NONE, ER_DATE_NONE,
                           &m, &err) != ER_OK)
        fail_msg("%s: row %ld, %s: %s", file, err.row, err.field, err.message);
    assert_int_equal(er_matrix_count(m), want_rows);
    assert_int_equal(er_matrix_kind_of(m), kind);

    fp = fopen(path, "rb");
    assert_non_null(fp);
    assert_true(ref_line(fp, line));
    assert_string_equal(line, ref_headers[kind]);
    while (ref_line(fp, line)) {
        assert_int_equal(ref_split(line, f), ref_widths[kind]);
        check_row(m, kind, f, ++n + 1, &rounded);
    }
    fclose(fp);
    assert_int_equal(n, want_rows);
    assert_int_equal(rounded, want_rounded);
    er_matrix_free(m);
}

static void test_shipped_fps(void **state)
{
    (void)state;
    check_shipped(FPS_FILE, ER_MATRIX_ECO4_FPS, 304, 0);
}

/* 189 PPS v6 cost cells carry more decimals than their "0.0" format shows:
 * the ESH_Upgrade rows and one B_Upgrade_preHCs row. */
static void test_shipped_pps(void **state)
{
    (void)state;
    check_shipped(PPS_FILE, ER_MATRIX_ECO4_PPS, 16564, 189);
}

static void test_shipped_gbis(void **state)
{
    (void)state;
    check_shipped(GBIS_FILE, ER_MATRIX_GBIS, 4936, 0);
}

/* ---- spot checks: literal values copied from the shipped files ------- */

static er_matrix *load(const char *file, er_matrix_kind kind)
{
    er_matrix *m = NULL;
    er_error err;

    if (er_matrix_load_csv(test_data_path(file), kind, "spot", ER_DATE_NONE,
                           ER_DATE_NONE, &m, &err) != ER_OK)
        fail_msg("%s: row %ld, %s: %s", file, err.row, err.field, err.message);
    return m;
}

static void test_spot_fps(void **state)
{
    er_matrix *m = load(FPS_FILE, ER_MATRIX_ECO4_FPS);
    const er_matrix_entry *e;

    (void)state;
    /* line 110: 73-97,Low_F,Low_D,922.2 */
    assert_int_equal(er_matrix_find_fps(m, ER_SEGMENT_73_97, ER_BAND_LOW_F,
                                        ER_BAND_LOW_D, &e), ER_OK);
    assert_int_equal(e->cost_tenths, 9222);
    assert_int_equal(e->row, 109);
    /* line 2: 0-72,Low_G,High_A,2311.8 */
    assert_int_equal(er_matrix_find_fps(m, ER_SEGMENT_0_72, ER_BAND_LOW_G,
                                        ER_BAND_HIGH_A, &e), ER_OK);
    assert_int_equal(e->cost_tenths, 23118);
    assert_int_equal(e->row, 1);
    assert_int_equal(er_matrix_find_fps(m, ER_SEGMENT_0_72, ER_BAND_LOW_D,
                                        ER_BAND_LOW_G, &e), ER_ENOTFOUND);
    er_matrix_free(m);
}

/* One PPS row as published: key and expected figures. */
struct pps_spot {
    long line;
    const char *measure, *pre, *post;
    er_segment seg;
    er_band band;
    int32_t cost_tenths, atf, sap;
    const char *category;
};

static const struct pps_spot pps_spots[] = {
    /* External / Internal Wall Insulation,IWI_solid_1.7_0.3,N/A,N/A,73-97,
     * Low_F,0.95,343.4,N/A */
    { 10119, "IWI_solid_1.7_0.3", "N/A", "N/A", ER_SEGMENT_73_97,
      ER_BAND_LOW_F, 3434, 95, -1, "External / Internal Wall Insulation" },
    /* Fixed Value Increase,B_Broken_Repair,N/A,N/A,0-72,N/A,1,168,N/A */
    { 13554, "B_Broken_Repair", "N/A", "N/A", ER_SEGMENT_0_72, ER_BAND_NONE,
      1680, 100, -1, "Fixed Value Increase" },
    /* Other Heating,Smarttherm,Condensing Gas Boiler,N/A,0-72,High_D,1,
     * 25.1,1.11 */
    { 6210, "Smarttherm", "Condensing Gas Boiler", "N/A", ER_SEGMENT_0_72,
      ER_BAND_HIGH_D, 251, 100, 111, "Other Heating" },
    /* Rounded: ESH,ESH_Upgrade,Bottled LPG Boiler,High Heat Retention
     * Storage Heaters,0-72,High_D,0.96,151.86439598114,N/A */
    { 3970, "ESH_Upgrade", "Bottled LPG Boiler",
      "High Heat Retention Storage Heaters", ER_SEGMENT_0_72, ER_BAND_HIGH_D,
      1519, 96, -1, "ESH" },
    /* Rounded half up: ...,Electric Room Heaters,...,73-97,Low_E,0.96,608.05 */
    { 4141, "ESH_Upgrade", "Electric Room Heaters",
      "High Heat Retention Storage Heaters", ER_SEGMENT_73_97, ER_BAND_LOW_E,
      6081, 96, -1, "ESH" },
    /* Rounded: Boiler,B_Upgrade_preHCs,Gas Back Boiler to Radiators,
     * Biomass Boiler,200+,Low_G,0.96,3.4000000000001,N/A */
    { 6593, "B_Upgrade_preHCs", "Gas Back Boiler to Radiators",
      "Biomass Boiler", ER_SEGMENT_200_PLUS, ER_BAND_LOW_G, 34, 96, -1,
      "Boiler" },
};

static void test_spot_pps(void **state)
{
    er_matrix *m = load(PPS_FILE, ER_MATRIX_ECO4_PPS);
    const er_matrix_entry *e;
    size_t i;

    (void)state;
    for (i = 0; i < sizeof pps_spots / sizeof *pps_spots; i++) {
        const struct pps_spot *s = &pps_spots[i];

        assert_int_equal(er_matrix_find(m, s->measure, s->pre, s->post,
                                        s->seg, s->band, &e), ER_OK);
        assert_int_equal(e->row, s->line - 1);
        assert_int_equal(e->cost_tenths, s->cost_tenths);
        assert_int_equal(e->atf_hundredths, s->atf);
        assert_int_equal(e->sap_savings_hundredths, s->sap);
        assert_string_equal(e->category, s->category);
    }
    assert_true(er_matrix_measure_is_fixed(m, "B_Broken_Repair"));
    assert_false(er_matrix_measure_is_fixed(m, "IWI_solid_1.7_0.3"));
    assert_int_equal(er_matrix_find(m, "B_Broken_Repair", "N/A", "N/A",
                                    ER_SEGMENT_0_72, ER_BAND_LOW_F, &e),
                     ER_ENOTFOUND);
    er_matrix_free(m);
}

static void test_spot_gbis(void **state)
{
    er_matrix *m = load(GBIS_FILE, ER_MATRIX_GBIS);
    const er_matrix_entry *e;

    (void)state;
    /* line 2: Cavity Wall Insulation,CWI_0.040,N/A,0-72,High_B,0.95,59.8 */
    assert_int_equal(er_matrix_find(m, "CWI_0.040", "N/A", NULL,
                                    ER_SEGMENT_0_72, ER_BAND_HIGH_B, &e), ER_OK);
    assert_int_equal(e->cost_tenths, 598);
    assert_int_equal(e->atf_hundredths, 95);
    assert_int_equal(e->sap_savings_hundredths, -1);
    assert_int_equal(e->row, 1);
    assert_string_equal(e->category, "Cavity Wall Insulation");
    er_matrix_free(m);
}

/* ---- small in-memory CSVs -------------------------------------------- */

#define FPS_HEAD "Floor Area Segment,Starting Band,Finishing Band,Cost Savings\n"
#define GBIS_HEAD "Measure category,Measure_Type,Pre_Main_Heating_Source," \
                  "Total Floor Area Band ,Starting Band," \
                  "Average Treatable Factor,Cost Savings\n"
#define PPS_HEAD "Measure category,Measure_Type,Pre_Main_Heating_Source," \
                 "Post_Main_Heating_Source,Total Floor Area Band ," \
                 "Starting Band,Average Treatable Factor,Cost Savings," \
                 "SAP Savings\n"

static er_status parse(const char *csv, er_matrix_kind kind, er_matrix **m,
                       er_error *err)
{
    er_status rc = er_matrix_parse_csv(csv, strlen(csv), kind, "test",
                                       ER_DATE_NONE, ER_DATE_NONE, m, err);

    if (rc)
        assert_null(*m);
    else
        assert_non_null(*m);
    return rc;
}

/* Parses `csv`, which must succeed, failing with the reader's message. */
static er_matrix *parse_ok(const char *csv, er_matrix_kind kind)
{
    er_matrix *m = NULL;
    er_error err;

    if (parse(csv, kind, &m, &err) != ER_OK)
        fail_msg("row %ld, %s: %s", err.row, err.field, err.message);
    return m;
}

static void test_bom(void **state)
{
    er_matrix *m = parse_ok("\xEF\xBB\xBF" FPS_HEAD "0-72,Low_G,High_A,2311.8\n",
                            ER_MATRIX_ECO4_FPS);
    const er_matrix_entry *e;

    (void)state;
    assert_int_equal(er_matrix_count(m), 1);
    assert_int_equal(er_matrix_find_fps(m, ER_SEGMENT_0_72, ER_BAND_LOW_G,
                                        ER_BAND_HIGH_A, &e), ER_OK);
    assert_int_equal(e->cost_tenths, 23118);
    er_matrix_free(m);
}

static void test_header_without_trailing_space(void **state)
{
    er_matrix *m = parse_ok(
        "Measure category,Measure_Type,Pre_Main_Heating_Source,"
        "Total Floor Area Band,Starting Band,Average Treatable Factor,"
        "Cost Savings\n"
        "Cavity Wall Insulation,CWI_0.040,N/A,0-72,High_B,0.95,59.8\n",
        ER_MATRIX_GBIS);
    const er_matrix_entry *e;

    (void)state;
    assert_int_equal(er_matrix_find(m, "CWI_0.040", "N/A", NULL,
                                    ER_SEGMENT_0_72, ER_BAND_HIGH_B, &e), ER_OK);
    assert_int_equal(e->cost_tenths, 598);
    er_matrix_free(m);
}

static void test_columns_any_order_extra_ignored(void **state)
{
    er_matrix *m = parse_ok(
        " Cost Savings ,Notes,Finishing Band,Floor Area Segment,Starting Band\n"
        "922.2,anything,Low_D,73-97,Low_F\n",
        ER_MATRIX_ECO4_FPS);
    const er_matrix_entry *e;

    (void)state;
    assert_int_equal(er_matrix_find_fps(m, ER_SEGMENT_73_97, ER_BAND_LOW_F,
                                        ER_BAND_LOW_D, &e), ER_OK);
    assert_int_equal(e->cost_tenths, 9222);
    er_matrix_free(m);
}

/* Blank lines and all-empty rows are skipped but counted, with LF or CRLF;
 * the row numbers in entries and errors stay file line - 1. */
static void check_blank_rows(const char *eol)
{
    char csv[256], bad[512];
    er_matrix *m = NULL;
    const er_matrix_entry *e;
    er_error err;

    snprintf(csv, sizeof csv,
             "Floor Area Segment,Starting Band,Finishing Band,Cost Savings%s"
             "0-72,Low_G,High_A,2311.8%s" /* row 1 */
             "%s"                         /* row 2: blank */
             ",,,%s"                      /* row 3: all empty */
             "  %s"                       /* row 4: spaces */
             "73-97,Low_F,Low_D,922.2%s"  /* row 5 */
             "%s",                        /* trailing blank line */
             eol, eol, eol, eol, eol, eol, eol);
    m = parse_ok(csv, ER_MATRIX_ECO4_FPS);
    assert_int_equal(er_matrix_count(m), 2);
    assert_int_equal(er_matrix_find_fps(m, ER_SEGMENT_73_97, ER_BAND_LOW_F,
                                        ER_BAND_LOW_D, &e), ER_OK);
    assert_int_equal(e->row, 5);
    assert_int_equal(e->cost_tenths, 9222);
    er_matrix_free(m);

    snprintf(bad, sizeof bad, "%s98-199,Low_X,Low_D,1%s", csv, eol);
    m = NULL;
    assert_int_equal(parse(bad, ER_MATRIX_ECO4_FPS, &m, &err), ER_EINVAL);
    assert_int_equal(err.row, 7);
    assert_string_equal(err.field, "Starting Band");
}

static void test_blank_rows_lf(void **state)
{
    (void)state;
    check_blank_rows("\n");
}

static void test_blank_rows_crlf(void **state)
{
    (void)state;
    check_blank_rows("\r\n");
}

static void test_no_final_newline(void **state)
{
    er_matrix *m = parse_ok(FPS_HEAD "0-72,Low_G,High_A,2311.8",
                            ER_MATRIX_ECO4_FPS);

    (void)state;
    assert_int_equal(er_matrix_count(m), 1);
    er_matrix_free(m);
}

static void test_missing_column(void **state)
{
    er_matrix *m = NULL;
    er_error err;

    (void)state;
    assert_int_equal(parse("Measure category,Measure_Type,"
                           "Pre_Main_Heating_Source,Post_Main_Heating_Source,"
                           "Total Floor Area Band ,Starting Band,"
                           "Average Treatable Factor,Cost Savings\n"
                           "Boiler,B,N/A,N/A,0-72,Low_G,1,1\n",
                           ER_MATRIX_ECO4_PPS, &m, &err), ER_EINVAL);
    assert_int_equal(err.row, 0);
    assert_string_equal(err.field, "SAP Savings");
    assert_non_null(strstr(err.message, "missing"));

    /* "Total Floor Area Band" is the published name, whatever the case */
    assert_int_equal(parse("Measure category,Measure_Type,"
                           "Pre_Main_Heating_Source,total floor area band,"
                           "Starting Band,Average Treatable Factor,"
                           "Cost Savings\n",
                           ER_MATRIX_GBIS, &m, &err), ER_EINVAL);
    assert_string_equal(err.field, "Total Floor Area Band");
    assert_non_null(strstr(err.message, "missing"));
}

static void test_duplicate_key(void **state)
{
    er_matrix *m = NULL;
    er_error err;

    (void)state;
    assert_int_equal(parse(FPS_HEAD
                           "0-72,Low_G,High_A,2311.8\n"
                           "0-72,Low_G,Low_A,2311.8\n"
                           "0-72,Low_G,High_A,1000\n",
                           ER_MATRIX_ECO4_FPS, &m, &err), ER_EDUPLICATE);
    assert_int_equal(err.row, 3);
    assert_non_null(strstr(err.message, "row 1"));
}

/* A bad value: the CSV, the status, the row, the column and a piece of
 * the message (the quoted value). */
struct bad_case {
    er_matrix_kind kind;
    const char *csv;
    er_status rc;
    long row;
    const char *field;
    const char *message;
};

static const struct bad_case bad_cases[] = {
    { ER_MATRIX_ECO4_FPS, FPS_HEAD "0-72,Low_G,High_A,1\n0-72,Low_H,High_A,1\n",
      ER_EINVAL, 2, "Starting Band", "\"Low_H\"" },
    { ER_MATRIX_ECO4_FPS, FPS_HEAD "0-72,Low_G,high_a,1\n",
      ER_EINVAL, 1, "Finishing Band", "\"high_a\"" },
    { ER_MATRIX_ECO4_FPS, FPS_HEAD "0-72,N/A,High_A,1\n",
      ER_EINVAL, 1, "Starting Band", "starting band" },
    { ER_MATRIX_ECO4_FPS, FPS_HEAD "0-73,Low_G,High_A,1\n",
      ER_EINVAL, 1, "Floor Area Segment", "\"0-73\"" },
    { ER_MATRIX_GBIS, GBIS_HEAD "C,CWI,N/A,0 - 72,High_B,0.95,59.8\n",
      ER_EINVAL, 1, "Total Floor Area Band", "\"0 - 72\"" },
    { ER_MATRIX_ECO4_FPS, FPS_HEAD "0-72,Low_G,High_A,abc\n",
      ER_EINVAL, 1, "Cost Savings", "\"abc\"" },
    { ER_MATRIX_ECO4_FPS, FPS_HEAD "0-72,Low_G,High_A,\n",
      ER_EINVAL, 1, "Cost Savings", "\"\"" },
    { ER_MATRIX_ECO4_FPS, FPS_HEAD "0-72,Low_G,High_A,-5\n",
      ER_EINVAL, 1, "Cost Savings", "\"-5\"" },
    { ER_MATRIX_ECO4_FPS, FPS_HEAD "0-72,Low_G,High_A,1.2.3\n",
      ER_EINVAL, 1, "Cost Savings", "\"1.2.3\"" },
    { ER_MATRIX_ECO4_FPS, FPS_HEAD "0-72,Low_G,High_A,1e3\n",
      ER_EINVAL, 1, "Cost Savings", "\"1e3\"" },
    { ER_MATRIX_ECO4_FPS, FPS_HEAD "0-72,Low_G,High_A,12.\n",
      ER_EINVAL, 1, "Cost Savings", "\"12.\"" },
    { ER_MATRIX_ECO4_FPS, FPS_HEAD "0-72,Low_G,High_A,\"1,5\"\n",
      ER_EINVAL, 1, "Cost Savings", "\"1,5\"" },
    { ER_MATRIX_ECO4_FPS, FPS_HEAD "0-72,Low_G,High_A,214748364.8\n",
      ER_EINVAL, 1, "Cost Savings", "too large" },
    { ER_MATRIX_GBIS, GBIS_HEAD "C,CWI,N/A,0-72,High_B,0.955,59.8\n",
      ER_EINVAL, 1, "Average Treatable Factor", "\"0.955\"" },
    { ER_MATRIX_GBIS, GBIS_HEAD "C,CWI,N/A,0-72,High_B,N/A,59.8\n",
      ER_EINVAL, 1, "Average Treatable Factor", "\"N/A\"" },
    { ER_MATRIX_ECO4_PPS, PPS_HEAD "O,S,Gas,N/A,0-72,High_D,1,25.1,1.111\n",
      ER_EINVAL, 1, "SAP Savings", "\"1.111\"" },
    { ER_MATRIX_ECO4_PPS, PPS_HEAD "O,S,Gas,,0-72,High_D,1,25.1,1.11\n",
      ER_EINVAL, 1, "Post_Main_Heating_Source", "N/A" },
    { ER_MATRIX_ECO4_FPS, FPS_HEAD "0-72,Low_G,High_A,1\n0-72,Low_F\n",
      ER_EINVAL, 2, "", "fields" },
    { ER_MATRIX_ECO4_FPS, FPS_HEAD "0-72,Low_G,High_A,1\n0-72,\"Low_F\"x,Low_D,1\n",
      ER_EPARSE, 2, "", "malformed" },
    { ER_MATRIX_ECO4_FPS, FPS_HEAD "0-72,Low_G,High_A,\"1\n",
      ER_EPARSE, 1, "", "malformed" },
    { ER_MATRIX_ECO4_FPS, FPS_HEAD, ER_EINVAL, 0, "", "no data rows" },
    { ER_MATRIX_ECO4_FPS, "", ER_EINVAL, 0, "", "no header" },
    { ER_MATRIX_ECO4_FPS, "Floor Area Segment,Starting Band,Starting Band,"
      "Finishing Band,Cost Savings\n", ER_EINVAL, 0, "Starting Band", "twice" },
};

static void test_bad_values(void **state)
{
    size_t i;

    (void)state;
    for (i = 0; i < sizeof bad_cases / sizeof *bad_cases; i++) {
        const struct bad_case *b = &bad_cases[i];
        er_matrix *m = (er_matrix *)&m; /* not NULL: the reader must clear it */
        er_error err;
        er_status rc = parse(b->csv, b->kind, &m, &err);

        if (rc != b->rc || err.row != b->row || strcmp(err.field, b->field) ||
            !strstr(err.message, b->message))
            fail_msg("case %zu: %s, row %ld, field \"%s\": %s", i,
                     er_strerror(rc), err.row, err.field, err.message);
        /* the error record is optional */
        assert_int_equal(er_matrix_parse_csv(b->csv, strlen(b->csv), b->kind,
                                             "test", ER_DATE_NONE, ER_DATE_NONE,
                                             &m, NULL), b->rc);
        assert_null(m);
    }
}

/* A long bad value is quoted, cut short: the message still fits. */
static void test_bad_value_truncated(void **state)
{
    char csv[1024], value[301];
    er_matrix *m = NULL;
    er_error err;

    (void)state;
    memset(value, '7', 300);
    value[150] = 'x';
    value[300] = '\0';
    snprintf(csv, sizeof csv, FPS_HEAD "0-72,Low_G,High_A,%s\n", value);
    assert_int_equal(parse(csv, ER_MATRIX_ECO4_FPS, &m, &err), ER_EINVAL);
    assert_string_equal(err.field, "Cost Savings");
    assert_true(strlen(err.message) < 120);
    assert_non_null(strstr(err.message, "7777777777"));
}

/* Costs are tenths; more decimals round half up to what Ofgem displays. */
static void test_cost_decimals(void **state)
{
    static const struct {
        const char *cost;
        int32_t tenths;
    } cases[] = {
        { "0", 0 }, { "7", 70 }, { "59.8", 598 }, { "059.80", 598 },
        { "12.34", 123 }, { "12.35", 124 }, { "12.349999", 123 },
        { "608.05", 6081 }, { "3.4000000000001", 34 }, { "9.96", 100 },
        { "214748364.7", 2147483647 },
    };
    char csv[256];
    const er_matrix_entry *e;
    size_t i;

    (void)state;
    for (i = 0; i < sizeof cases / sizeof *cases; i++) {
        er_matrix *m;

        snprintf(csv, sizeof csv, FPS_HEAD "0-72,Low_G,High_A,%s\n",
                 cases[i].cost);
        m = parse_ok(csv, ER_MATRIX_ECO4_FPS);
        assert_int_equal(er_matrix_find_fps(m, ER_SEGMENT_0_72, ER_BAND_LOW_G,
                                            ER_BAND_HIGH_A, &e), ER_OK);
        if (e->cost_tenths != cases[i].tenths)
            fail_msg("%s -> %d, want %d", cases[i].cost, e->cost_tenths,
                     cases[i].tenths);
        er_matrix_free(m);
    }
}

static void test_quoted_fields(void **state)
{
    er_matrix *m = parse_ok(
        GBIS_HEAD
        "\"External, Internal Wall Insulation\",\"IWI, solid\",\"N/A\","
        "\"0-72\",\"Low_F\",\"0.95\",\"343.4\"\n"
        "\"Cavity \"\"Wall\"\"\",CWI_0.040,N/A,0-72,High_B,0.95,59.8\n",
        ER_MATRIX_GBIS);
    const er_matrix_entry *e;

    (void)state;
    assert_int_equal(er_matrix_find(m, "IWI, solid", "N/A", NULL,
                                    ER_SEGMENT_0_72, ER_BAND_LOW_F, &e), ER_OK);
    assert_int_equal(e->cost_tenths, 3434);
    assert_int_equal(e->atf_hundredths, 95);
    assert_string_equal(e->category, "External, Internal Wall Insulation");
    assert_int_equal(er_matrix_find(m, "CWI_0.040", "N/A", NULL,
                                    ER_SEGMENT_0_72, ER_BAND_HIGH_B, &e), ER_OK);
    assert_string_equal(e->category, "Cavity \"Wall\"");
    er_matrix_free(m);
}

/* Spaces around a name or value are dropped, quoted or not. */
static void test_quoted_spaces_trimmed(void **state)
{
    er_matrix *m = parse_ok(
        "\" Floor Area Segment\",\"Starting Band \",Finishing Band,"
        "\"Cost Savings\t\"\r\n"
        "\" 73-97 \",\"Low_F \", Low_D ,\" 922.2\"\r\n",
        ER_MATRIX_ECO4_FPS);
    const er_matrix_entry *e;

    (void)state;
    assert_int_equal(er_matrix_find_fps(m, ER_SEGMENT_73_97, ER_BAND_LOW_F,
                                        ER_BAND_LOW_D, &e), ER_OK);
    assert_int_equal(e->cost_tenths, 9222);
    er_matrix_free(m);
}

/* ---- reading files ---------------------------------------------------- */

static void test_read_file(void **state)
{
    const char *path = test_data_path(FPS_FILE);
    char *buf = NULL;
    size_t len = 0;
    er_error err;
    FILE *fp;
    long size;

    (void)state;
    fp = fopen(path, "rb");
    assert_non_null(fp);
    assert_int_equal(fseek(fp, 0, SEEK_END), 0);
    size = ftell(fp);
    fclose(fp);

    assert_int_equal(er_read_file(path, ER_MATRIX_FILE_MAX, &buf, &len, &err),
                     ER_OK);
    assert_int_equal(len, size);
    assert_int_equal(buf[len], '\0');
    assert_memory_equal(buf, "Floor Area Segment,", 19);
    er_free(buf);

    /* exactly at the limit is fine; one byte under it is not */
    assert_int_equal(er_read_file(path, (size_t)size, &buf, &len, &err), ER_OK);
    er_free(buf);
    assert_int_equal(er_read_file(path, (size_t)size - 1, &buf, &len, &err),
                     ER_ELIMIT);
    assert_null(buf);
    assert_int_equal(len, 0);
}

/* Files whose size stat() does not give (procfs says 0) are read whole,
 * and their limit is still enforced while reading. */
static void test_read_file_unsized(void **state)
{
    const char *path = "/proc/self/maps";
    char *buf = NULL;
    size_t len = 0;
    er_error err;
    FILE *fp = fopen(path, "rb");

    (void)state;
    if (!fp)
        skip();
    fclose(fp);
    assert_int_equal(er_read_file(path, ER_MATRIX_FILE_MAX, &buf, &len, &err),
                     ER_OK);
    assert_true(len > 100);
    assert_int_equal(strlen(buf), len);
    er_free(buf);
    assert_int_equal(er_read_file(path, 100, &buf, &len, &err), ER_ELIMIT);
    assert_null(buf);
    assert_non_null(strstr(err.message, path));
}

static void test_read_file_missing(void **state)
{
    const char *path = "/nonexistent/ecoreg/matrix.csv";
    char *buf = (char *)&buf;
    size_t len = 1;
    er_matrix *m = (er_matrix *)&m;
    er_error err;

    (void)state;
    assert_int_equal(er_read_file(path, 100, &buf, &len, &err), ER_EIO);
    assert_null(buf);
    assert_int_equal(len, 0);
    assert_non_null(strstr(err.message, path));
    assert_non_null(strstr(err.message, strerror(ENOENT)));

    assert_int_equal(er_matrix_load_csv(path, ER_MATRIX_ECO4_FPS, "x",
                                        ER_DATE_NONE, ER_DATE_NONE, &m, &err),
                     ER_EIO);
    assert_null(m);
}

/* A bad value in a file: the message names the file, then the value. */
static void test_load_names_file(void **state)
{
    static const char csv[] = FPS_HEAD "0-72,Low_G,High_A,1\n0-72,Low_F,Low_Q,2\n";
    char path[] = "/tmp/ecoreg_test_matrix_XXXXXX";
    er_matrix *m = (er_matrix *)&m;
    er_error err;
    FILE *fp;
    int fd = mkstemp(path);

    (void)state;
    assert_true(fd >= 0);
    fp = fdopen(fd, "wb");
    assert_non_null(fp);
    assert_int_equal(fwrite(csv, 1, sizeof csv - 1, fp), sizeof csv - 1);
    assert_int_equal(fclose(fp), 0);
    assert_int_equal(er_matrix_load_csv(path, ER_MATRIX_ECO4_FPS, "x",
                                        ER_DATE_NONE, ER_DATE_NONE, &m, &err),
                     ER_EINVAL);
    unlink(path);
    assert_null(m);
    assert_int_equal(err.row, 2);
    assert_string_equal(err.field, "Finishing Band");
    assert_memory_equal(err.message, path, strlen(path));
    assert_non_null(strstr(err.message, ": not a band"));
    assert_non_null(strstr(err.message, "\"Low_Q\""));
}

/* ---- allocation failures ---------------------------------------------- */

/* A valid PPS CSV with 1,100 rows and 70 measure names, so that the
 * matrix's name and row tables both grow past their first size. */
static char *sweep_csv(size_t *len)
{
    size_t cap = 1100 * 80 + sizeof PPS_HEAD, n;
    char *csv = malloc(cap);
    int i;

    assert_non_null(csv);
    n = (size_t)snprintf(csv, cap, "%s", PPS_HEAD);
    for (i = 0; i < 1100; i++) {
        n += (size_t)snprintf(csv + n, cap - n,
                              "Cat,M%02d,Gas,N/A,%s,%s,0.9%d,%d.%d,N/A\r\n",
                              i % 70, ref_segments[i / 70 % 4],
                              ref_bands[i / 280 % 14], i % 10, i, i % 10);
        assert_true(n < cap);
    }
    *len = n;
    return csv;
}

/* Fails allocation 0, 1, 2, ... of a parse or load until one needs fewer
 * allocations than that: each failure must leave *out NULL (LSan checks
 * that nothing leaks).  libcsv retries a failed buffer growth with less,
 * so a failure may also be survived; then the result must be whole. */
static void sweep(const char *csv, size_t len, const char *path,
                  er_matrix_kind kind, size_t want_rows)
{
    int nomem = 0;

    for (long at = 0;; at++) {
        er_matrix *m = (er_matrix *)&m;
        er_error err;
        er_status rc;

        test_fail_allocation(at);
        rc = path ? er_matrix_load_csv(path, kind, "sweep", ER_DATE_NONE,
                                       ER_DATE_NONE, &m, &err)
                  : er_matrix_parse_csv(csv, len, kind, "sweep", ER_DATE_NONE,
                                        ER_DATE_NONE, &m, &err);
        test_fail_allocation(-1);
        if (rc == ER_OK) {
            assert_non_null(m);
            assert_int_equal(er_matrix_count(m), want_rows);
            er_matrix_free(m);
            if (!test_allocation_failed())
                break;
            continue;
        }
        assert_true(test_allocation_failed());
        assert_int_equal(rc, ER_ENOMEM);
        assert_null(m);
        nomem++;
    }
    assert_true(nomem >= 5);
}

static void test_alloc_sweep_parse(void **state)
{
    size_t len;
    char *csv = sweep_csv(&len);

    (void)state;
    sweep(csv, len, NULL, ER_MATRIX_ECO4_PPS, 1100);
    free(csv);
}

static void test_alloc_sweep_load(void **state)
{
    char path[1024];

    (void)state;
    snprintf(path, sizeof path, "%s", test_data_path(FPS_FILE));
    sweep(NULL, 0, path, ER_MATRIX_ECO4_FPS, 304);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_shipped_fps),
        cmocka_unit_test(test_shipped_pps),
        cmocka_unit_test(test_shipped_gbis),
        cmocka_unit_test(test_spot_fps),
        cmocka_unit_test(test_spot_pps),
        cmocka_unit_test(test_spot_gbis),
        cmocka_unit_test(test_bom),
        cmocka_unit_test(test_header_without_trailing_space),
        cmocka_unit_test(test_columns_any_order_extra_ignored),
        cmocka_unit_test(test_blank_rows_lf),
        cmocka_unit_test(test_blank_rows_crlf),
        cmocka_unit_test(test_no_final_newline),
        cmocka_unit_test(test_missing_column),
        cmocka_unit_test(test_duplicate_key),
        cmocka_unit_test(test_bad_values),
        cmocka_unit_test(test_bad_value_truncated),
        cmocka_unit_test(test_cost_decimals),
        cmocka_unit_test(test_quoted_fields),
        cmocka_unit_test(test_quoted_spaces_trimmed),
        cmocka_unit_test(test_read_file),
        cmocka_unit_test(test_read_file_unsized),
        cmocka_unit_test(test_read_file_missing),
        cmocka_unit_test(test_load_names_file),
        cmocka_unit_test(test_alloc_sweep_parse),
        cmocka_unit_test(test_alloc_sweep_load),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
