/*
 * indicators_out.c: the Annex A indicators (protect.h) as JSON, CSV or an
 * HTML page with charts (io.h), for the quarterly updates and annual
 * report seed 000 asks certification schemes for ("Maintaining
 * approval").  Each indicator is a row of one table, with Annex A's name;
 * a share is its count, its denominator and the percentage to one decimal
 * (half up, exact), or null when the denominator is 0.  The charts are
 * inline SVG: the page needs nothing else.
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "ecoreg/io.h"
#include "ecoreg/protect.h"

enum kind { COUNT, SHARE, AVERAGE };

/* seed 000 Annex A Table A1, in its order */
static const struct row {
    const char *key, *name;
    enum kind kind;
    size_t at;              /* offsetof the count or share in er_indicators */
    const char *count, *of; /* what the share counts, over what */
} rows[] = {
    { "installations", "Size of scheme - installations", COUNT,
      offsetof(er_indicators, installations), "certified", NULL },
    { "installers", "Size of scheme - installers", COUNT, offsetof(er_indicators, installers),
      "able to certify", NULL },
    { "onboarding_days", "Scheme onboarding (average days from application to approval)", AVERAGE,
      offsetof(er_indicators, onboarded), "approved", NULL },
    { "complaint_rate", "Complaints received", SHARE, offsetof(er_indicators, complaint_rate),
      "complaints", "installations" },
    { "nonconformity", "Conformity assessment - outcome", SHARE,
      offsetof(er_indicators, nonconformity), "non-conforming", "assessments" },
    { "assessed", "Conformity assessment - installations receiving on-site assessment", SHARE,
      offsetof(er_indicators, assessed), "assessed", "installations" },
    { "resolved_within_1_month", "Complaint resolution - speed (within 1 month)", SHARE,
      offsetof(er_indicators, within_1_month), "resolved", "complaints in scope" },
    { "resolved_within_3_months", "Complaint resolution - speed (within 3 months)", SHARE,
      offsetof(er_indicators, within_3_months), "resolved", "complaints in scope" },
};

/* Annex A "Complaint resolution - outcome", by er_complaint_outcome */
static const char *const outcome_labels[ER_OUTCOME_COUNT] = {
    [ER_OUTCOME_NONE] = "not yet concluded",
    [ER_OUTCOME_OUT_OF_SCOPE] = "out of scope of the scheme",
    [ER_OUTCOME_NO_NON_CONFORMITY] = "no non-conformity, closed without further action",
    [ER_OUTCOME_PUT_RIGHT_INSTALLER] = "non-conformity put right by the original installer",
    [ER_OUTCOME_PUT_RIGHT_OTHER] = "non-conformity put right by the scheme or another installer",
    [ER_OUTCOME_OTHER] = "non-conformity, other outcome",
    [ER_OUTCOME_ADR_COMPLAINANT] = "escalated to ADR, found for the complainant",
    [ER_OUTCOME_ADR_INSTALLER] = "escalated to ADR, found for the installer",
};

/* count / of as a decimal with one place, half up, into buf[32]; NULL
 * when `of` is 0.  Exact: integers alone. */
static const char *tenths(long count, long of, long scale, char buf[32])
{
    long long t;

    if (of <= 0)
        return NULL;
    t = ((long long)count * scale * 10 * 2 + of) / (2LL * of);
    snprintf(buf, 32, "%lld.%lld", t / 10, t % 10);
    return buf;
}

static er_ind_share share_at(const er_indicators *ind, const struct row *r)
{
    er_ind_share s;

    memcpy(&s, (const char *)ind + r->at, sizeof s);
    return s;
}

static long count_at(const er_indicators *ind, const struct row *r)
{
    long n;

    memcpy(&n, (const char *)ind + r->at, sizeof n);
    return n;
}

/* ---- JSON ------------------------------------------------------------- */

static void json_number(FILE *out, const char *v)
{
    fputs(v ? v : "null", out);
}

static void write_json(FILE *out, const er_indicators *ind)
{
    char from[11], to[11], buf[32];
    size_t i;
    int o;

    er_date_format_iso(ind->from, from);
    er_date_format_iso(ind->to, to);
    fprintf(out, "{\"from\":\"%s\",\"to\":\"%s\"", from, to);
    for (i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        const struct row *r = &rows[i];
        er_ind_share s;

        fprintf(out, ",\"%s\":", r->key);
        if (r->kind == COUNT) {
            fprintf(out, "%ld", count_at(ind, r));
        } else if (r->kind == AVERAGE) {
            fprintf(out, "{\"approved\":%ld,\"days\":%ld,\"average\":", ind->onboarded,
                    ind->onboarding_days);
            json_number(out, tenths(ind->onboarding_days, ind->onboarded, 1, buf));
            fputc('}', out);
        } else {
            s = share_at(ind, r);
            fprintf(out, "{\"count\":%ld,\"of\":%ld,\"percent\":", s.count, s.of);
            json_number(out, tenths(s.count, s.of, 100, buf));
            fputc('}', out);
        }
    }
    fputs(",\"outcomes\":{", out);
    for (o = 0; o < ER_OUTCOME_COUNT; o++) {
        fprintf(out, "%s\"%s\":{\"count\":%ld,\"of\":%ld,\"percent\":", o ? "," : "",
                o == ER_OUTCOME_NONE ? "open" : er_complaint_outcome_name((er_complaint_outcome)o),
                ind->outcome[o].count, ind->outcome[o].of);
        json_number(out, tenths(ind->outcome[o].count, ind->outcome[o].of, 100, buf));
        fputc('}', out);
    }
    fputs("}}\n", out);
}

/* ---- CSV -------------------------------------------------------------- */

static void write_csv(FILE *out, const er_indicators *ind)
{
    char from[11], to[11], buf[32];
    const char *v;
    size_t i;
    int o;

    er_date_format_iso(ind->from, from);
    er_date_format_iso(ind->to, to);
    fputs("from,to,indicator,annex_a,count,of,value\n", out);
    for (i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        const struct row *r = &rows[i];
        er_ind_share s = { 0, 0 };

        if (r->kind == COUNT) {
            s.count = count_at(ind, r);
            snprintf(buf, sizeof buf, "%ld", s.count);
            v = buf;
        } else if (r->kind == AVERAGE) {
            s = (er_ind_share){ ind->onboarding_days, ind->onboarded };
            v = tenths(s.count, s.of, 1, buf);
        } else {
            s = share_at(ind, r);
            v = tenths(s.count, s.of, 100, buf);
        }
        fprintf(out, "%s,%s,%s,", from, to, r->key);
        er_csv_write_field(out, r->name, false);
        fprintf(out, "%ld,%ld,%s\n", s.count, r->kind == COUNT ? 0 : s.of, v ? v : "");
    }
    for (o = 0; o < ER_OUTCOME_COUNT; o++) {
        v = tenths(ind->outcome[o].count, ind->outcome[o].of, 100, buf);
        fprintf(out, "%s,%s,outcome_%s,", from, to,
                o == ER_OUTCOME_NONE ? "open" : er_complaint_outcome_name((er_complaint_outcome)o));
        er_csv_write_field(out, outcome_labels[o], false);
        fprintf(out, "%ld,%ld,%s\n", ind->outcome[o].count, ind->outcome[o].of, v ? v : "");
    }
}

/* ---- HTML ------------------------------------------------------------- */

/* count / of as a labelled horizontal bar in SVG, 1000 wide at 100%. */
static void bar(FILE *out, const char *label, long count, long of)
{
    char buf[32];
    const char *value = tenths(count, of, 100, buf);
    long t = of > 0 ? (long)((long long)count * 1000 / of) : 0;

    fprintf(out,
            "<figure><figcaption>%s: %s%s (%ld of %ld)</figcaption>"
            "<svg role=\"img\" aria-label=\"%s: %s%s\" viewBox=\"0 0 1000 24\" "
            "width=\"100%%\" height=\"24\"><rect width=\"1000\" height=\"24\" fill=\"#e8e8e8\"/>"
            "<rect width=\"%ld\" height=\"24\" fill=\"#1d70b8\"/></svg></figure>\n",
            label, value ? value : "n/a", value ? "%" : "", count, of, label, value ? value : "n/a",
            value ? "%" : "", t > 1000 ? 1000 : t);
}

static void write_html(FILE *out, const er_indicators *ind)
{
    char from[11], to[11], buf[32];
    const char *v;
    size_t i;
    int o;

    er_date_format_iso(ind->from, from);
    er_date_format_iso(ind->to, to);
    fprintf(out,
            "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            "<title>Annex A indicators %s to %s</title><style>"
            "body{font-family:sans-serif;max-width:60em;margin:1em auto;padding:0 1em;"
            "color:#0b0c0c}table{border-collapse:collapse}td,th{border:1px solid #b1b4b6;"
            "padding:.3em .6em;text-align:left}figure{margin:.6em 0}</style></head><body>\n"
            "<h1>Annex A performance indicators</h1>\n<p>%s to %s (seed 000, Table A1)</p>\n"
            "<table><thead><tr><th scope=\"col\">Indicator</th><th scope=\"col\">Value</th>"
            "<th scope=\"col\">Count</th><th scope=\"col\">Of</th></tr></thead><tbody>\n",
            from, to, from, to);
    for (i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        const struct row *r = &rows[i];
        er_ind_share s = { count_at(ind, r), 0 };

        if (r->kind == AVERAGE)
            s = (er_ind_share){ ind->onboarding_days, ind->onboarded };
        else if (r->kind == SHARE)
            s = share_at(ind, r);
        v = r->kind == COUNT ? NULL : tenths(s.count, s.of, r->kind == SHARE ? 100 : 1, buf);
        fprintf(out, "<tr><th scope=\"row\">%s</th><td>", r->name);
        if (r->kind == COUNT)
            fprintf(out, "%ld</td><td>%ld</td><td></td></tr>\n", s.count, s.count);
        else
            fprintf(out, "%s%s</td><td>%ld</td><td>%ld</td></tr>\n", v ? v : "n/a",
                    v && r->kind == SHARE ? "%" : (v ? " days" : ""), s.count, s.of);
    }
    fputs("</tbody></table>\n<h2>Shares</h2>\n", out);
    for (i = 0; i < sizeof rows / sizeof rows[0]; i++)
        if (rows[i].kind == SHARE) {
            er_ind_share s = share_at(ind, &rows[i]);

            bar(out, rows[i].name, s.count, s.of);
        }
    fputs("<h2>Complaint resolution - outcome</h2>\n", out);
    for (o = 0; o < ER_OUTCOME_COUNT; o++)
        bar(out, outcome_labels[o], ind->outcome[o].count, ind->outcome[o].of);
    fputs("</body></html>\n", out);
}

er_status er_indicators_write(FILE *out, const er_indicators *ind, const char *format)
{
    if (!format || strcmp(format, "json") == 0)
        write_json(out, ind);
    else if (strcmp(format, "csv") == 0)
        write_csv(out, ind);
    else if (strcmp(format, "html") == 0)
        write_html(out, ind);
    else
        return ER_EINVAL;
    return ferror(out) ? ER_EIO : ER_OK;
}
