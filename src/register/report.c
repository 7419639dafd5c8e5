/*
 * report.c: the obligation reports (obligation.h, docs/ledger.md) as JSON,
 * CSV and an HTML page whose chart of delivery over time is an SVG written
 * here.  Every figure comes from an er_progress_report: nothing is
 * computed twice.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "ecoreg/deadline.h"
#include "ecoreg/jsonw.h"
#include "ecoreg/obligation.h"
#include "ledger_reg.h"

er_status er_report_format_parse(const char *s, er_report_format *out)
{
    static const char *const names[] = { "json", "csv", "html" };
    size_t i;

    for (i = 0; i < 3; i++)
        if (strcmp(s, names[i]) == 0) {
            *out = (er_report_format)i;
            return ER_OK;
        }
    return ER_EINVAL;
}

static bool met(const er_progress *p, er_scheme_id scheme)
{
    if (p->shortfall > 0)
        return false;
    if (scheme == ER_SCHEME_ECO4)
        return p->solid_wall_premises >= p->solid_wall_minimum &&
               p->efg_delivered >= p->efg_minimum;
    return p->low_income_counted >= p->low_income_minimum &&
           p->years[ER_GBIS_YEARS - 1].shortfall == 0;
}

/* The columns, in order: each a name, how to write it, where it is and
 * the schemes it belongs to. */
enum col_kind { MONEY, COUNT };
#define ECO4 (1u << ER_SCHEME_ECO4)
#define GBIS (1u << ER_SCHEME_GBIS)
static const struct column {
    const char *name;
    enum col_kind kind;
    size_t offset;
    unsigned schemes;
} columns[] = {
#define COL(name, kind, schemes)                                                                   \
    {                                                                                              \
#name, kind, offsetof(er_progress, name), schemes                                          \
    }
    COL(obligation, MONEY, ECO4 | GBIS),
    COL(delivered, MONEY, ECO4 | GBIS),
    COL(shortfall, MONEY, ECO4 | GBIS),
    COL(cut, MONEY, ECO4 | GBIS),
    COL(full, MONEY, ECO4),
    COL(partial, MONEY, ECO4),
    COL(flex, MONEY, ECO4 | GBIS),
    COL(innovation, MONEY, ECO4 | GBIS),
    COL(solid_wall_minimum, COUNT, ECO4),
    COL(solid_wall_premises, COUNT, ECO4),
    COL(efg_minimum, MONEY, ECO4),
    COL(efg_delivered, MONEY, ECO4),
    COL(low_income_minimum, MONEY, GBIS),
    COL(low_income_delivered, MONEY, GBIS),
    COL(low_income_flex, MONEY, GBIS),
    COL(low_income_counted, MONEY, GBIS),
#undef COL
};
#undef ECO4
#undef GBIS

#define N_COLUMNS (sizeof columns / sizeof columns[0])

static int64_t value(const er_progress *p, size_t c)
{
    return *(const int64_t *)((const char *)p + columns[c].offset);
}

/* A value as text: pounds, or a count. */
static const char *text_of(int64_t v, enum col_kind kind, char buf[32])
{
    if (kind == MONEY)
        return ledger_pounds(v, buf);
    snprintf(buf, 32, "%lld", (long long)v);
    return buf;
}

/* A cap's use: money under a share cap, awards under a count cap. */
static enum col_kind cap_kind(const er_progress_report *r, size_t c)
{
    return r->caps.cap[c].basis == ER_CAP_SHARE ? MONEY : COUNT;
}

static bool shown(er_scheme_id scheme, size_t c)
{
    return columns[c].schemes & (1u << scheme);
}

static const char *kind_name(er_report_kind k)
{
    return k == ER_REPORT_MONTHLY ? "monthly"
           : k == ER_REPORT_FINAL ? "final_determination"
                                  : "progress";
}

static void cell(er_jsonw *w, enum col_kind kind, int64_t v)
{
    char num[32];

    if (kind == MONEY) {
        er_jsonw_pennies(w, v);
    } else {
        snprintf(num, sizeof num, "%lld", (long long)v);
        er_jsonw_lit(w, num);
    }
}

static void json_supplier(er_jsonw *w, const er_progress_report *r, const er_progress *p,
                          er_report_kind kind)
{
    size_t c;
    int y;

    er_jsonw_lit(w, "{\"supplier\":");
    er_jsonw_string(w, p->supplier);
    for (c = 0; c < N_COLUMNS; c++) {
        if (!shown(r->scheme, c))
            continue;
        er_jsonw_lit(w, ",\"");
        er_jsonw_lit(w, columns[c].name);
        er_jsonw_lit(w, "\":");
        cell(w, columns[c].kind, value(p, c));
    }
    er_jsonw_lit(w, ",\"caps\":[");
    for (c = 0; c < r->caps.n; c++) {
        er_jsonw_lit(w, c ? ",{\"cap\":" : "{\"cap\":");
        er_jsonw_string(w, r->caps.cap[c].name);
        er_jsonw_lit(w, ",\"used\":");
        cell(w, cap_kind(r, c), p->cap_used[c]);
        er_jsonw_lit(w, ",\"cut\":");
        er_jsonw_pennies(w, p->cap_cut[c]);
        er_jsonw_lit(w, "}");
    }
    er_jsonw_lit(w, "]");
    if (r->scheme == ER_SCHEME_GBIS) {
        er_jsonw_lit(w, ",\"years\":[");
        for (y = 0; y < ER_GBIS_YEARS; y++) {
            const er_gbis_year *g = &p->years[y];

            er_jsonw_lit(w, y ? ",{\"target\":" : "{\"target\":");
            er_jsonw_pennies(w, p->target[y]);
            er_jsonw_lit(w, ",\"required\":");
            er_jsonw_pennies(w, g->required);
            er_jsonw_lit(w, ",\"delivered\":");
            er_jsonw_pennies(w, g->delivered);
            er_jsonw_lit(w, ",\"carried_over_in\":");
            er_jsonw_pennies(w, g->carried_over_in);
            er_jsonw_lit(w, ",\"carried_under_in\":");
            er_jsonw_pennies(w, g->carried_under_in);
            er_jsonw_lit(w, ",\"made_up\":");
            er_jsonw_pennies(w, g->made_up);
            er_jsonw_lit(w, ",\"surplus\":");
            er_jsonw_pennies(w, g->surplus);
            er_jsonw_lit(w, ",\"shortfall\":");
            er_jsonw_pennies(w, g->shortfall);
            er_jsonw_lit(w, "}");
        }
        er_jsonw_lit(w, "]");
    }
    if (kind == ER_REPORT_FINAL)
        er_jsonw_lit(w, met(p, r->scheme) ? ",\"determination\":\"met\""
                                          : ",\"determination\":\"not met\"");
    er_jsonw_lit(w, "}");
}

static er_status write_json(FILE *out, const er_progress_report *r, er_report_kind kind,
                            const char *title)
{
    er_jsonw w = { 0 };
    char num[48];
    size_t i;
    er_status rc = ER_OK;

    er_jsonw_lit(&w, "{\"report\":");
    er_jsonw_string(&w, kind_name(kind));
    er_jsonw_lit(&w, ",\"scheme\":");
    er_jsonw_string(&w, er_scheme_name(r->scheme));
    er_jsonw_lit(&w, ",\"title\":");
    er_jsonw_string(&w, title);
    er_jsonw_lit(&w, ",\"suppliers\":[");
    for (i = 0; i < r->n; i++) {
        if (i)
            er_jsonw_lit(&w, ",");
        json_supplier(&w, r, &r->suppliers[i], kind);
    }
    er_jsonw_lit(&w, "],\"delivered_by_month\":[");
    for (i = 0; i < r->n_months; i++) {
        int m = r->first_month + (int)i;

        snprintf(num, sizeof num, "%s{\"month\":\"%04d-%02d\",\"delivered\":", i ? "," : "", m / 12,
                 m % 12 + 1);
        er_jsonw_lit(&w, num);
        er_jsonw_pennies(&w, r->delivered_by_month[i]);
        er_jsonw_lit(&w, "}");
    }
    snprintf(num, sizeof num, "],\"entries\":%zu,\"refused\":%zu}\n", r->entries, r->refused);
    er_jsonw_lit(&w, num);
    if (w.oom)
        rc = ER_ENOMEM;
    else if (fwrite(w.p, 1, w.len, out) != w.len)
        rc = ER_EIO;
    er_jsonw_free(&w);
    return rc;
}

static void write_csv(FILE *out, const er_progress_report *r, er_report_kind kind)
{
    char buf[32];
    size_t i, c;

    fputs("scheme,supplier", out);
    for (c = 0; c < N_COLUMNS; c++)
        if (shown(r->scheme, c))
            fprintf(out, ",%s", columns[c].name);
    for (c = 0; c < r->caps.n; c++)
        fprintf(out, ",%s_used,%s_cut", r->caps.cap[c].name, r->caps.cap[c].name);
    fputs(kind == ER_REPORT_FINAL ? ",determination\n" : "\n", out);
    for (i = 0; i < r->n; i++) {
        const er_progress *p = &r->suppliers[i];

        fprintf(out, "%s,%s", er_scheme_name(r->scheme), p->supplier);
        for (c = 0; c < N_COLUMNS; c++)
            if (shown(r->scheme, c))
                fprintf(out, ",%s", text_of(value(p, c), columns[c].kind, buf));
        for (c = 0; c < r->caps.n; c++) {
            fprintf(out, ",%s", text_of(p->cap_used[c], cap_kind(r, c), buf));
            fprintf(out, ",%s", ledger_pounds(p->cap_cut[c], buf));
        }
        fputs(kind == ER_REPORT_FINAL ? (met(p, r->scheme) ? ",met\n" : ",not met\n") : "\n", out);
    }
}

/* Text for HTML: the characters that mean something there escaped. */
static void html_text(FILE *out, const char *s)
{
    for (; *s; s++) {
        if (*s == '<')
            fputs("&lt;", out);
        else if (*s == '>')
            fputs("&gt;", out);
        else if (*s == '&')
            fputs("&amp;", out);
        else if (*s == '"')
            fputs("&quot;", out);
        else
            fputc(*s, out);
    }
}

/* Delivery over time: what counted at the end of each month, all
 * suppliers, as a line on a 640 x 240 plot. */
static void svg_chart(FILE *out, const er_progress_report *r)
{
    const double w = 640, h = 240, left = 80, bottom = 30;
    int64_t top = 1;
    char buf[32];
    size_t i;

    for (i = 0; i < r->n_months; i++)
        if (r->delivered_by_month[i] > top)
            top = r->delivered_by_month[i];
    fprintf(out,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" "
            "role=\"img\" aria-label=\"delivery over time\">\n",
            w + 20, h + bottom + 10);
    fprintf(out, "<line x1=\"%.0f\" y1=\"10\" x2=\"%.0f\" y2=\"%.0f\" stroke=\"#444\"/>\n", left,
            left, h + 10);
    fprintf(out, "<line x1=\"%.0f\" y1=\"%.0f\" x2=\"%.0f\" y2=\"%.0f\" stroke=\"#444\"/>\n", left,
            h + 10, w + 10, h + 10);
    fprintf(out, "<text x=\"%.0f\" y=\"20\" text-anchor=\"end\" font-size=\"11\">%s</text>\n",
            left - 4, ledger_pounds(top, buf));
    fprintf(out, "<text x=\"%.0f\" y=\"%.0f\" text-anchor=\"end\" font-size=\"11\">0</text>\n",
            left - 4, h + 10);
    if (r->n_months) {
        double step = r->n_months > 1 ? (w - left) / (double)(r->n_months - 1) : 0;

        fputs("<polyline fill=\"none\" stroke=\"#1a6\" stroke-width=\"2\" points=\"", out);
        for (i = 0; i < r->n_months; i++) {
            double y = r->delivered_by_month[i] > 0
                           ? (double)r->delivered_by_month[i] / (double)top * (h - 10)
                           : 0;

            fprintf(out, "%s%.1f,%.1f", i ? " " : "", left + step * (double)i, h + 10 - y);
        }
        fputs("\"/>\n", out);
        for (i = 0; i<r->n_months; i += r->n_months> 12 ? r->n_months / 6 : 1) {
            int m = r->first_month + (int)i;

            fprintf(out,
                    "<text x=\"%.1f\" y=\"%.0f\" text-anchor=\"middle\" font-size=\"10\">"
                    "%04d-%02d</text>\n",
                    left + step * (double)i, h + bottom, m / 12, m % 12 + 1);
        }
    }
    fputs("</svg>\n", out);
}

static void write_html(FILE *out, const er_progress_report *r, er_report_kind kind,
                       const char *title)
{
    char buf[32];
    size_t i, c;

    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\">\n<title>", out);
    html_text(out, title);
    fputs("</title>\n<style>body{font-family:sans-serif;margin:2em}"
          "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px}"
          "td{text-align:right}</style>\n</head>\n<body>\n<h1>",
          out);
    html_text(out, title);
    fprintf(out, "</h1>\n<p>%s: %s report; amounts in pounds a year.</p>\n",
            er_scheme_name(r->scheme), kind_name(kind));
    fputs("<h2>Delivery over time</h2>\n", out);
    svg_chart(out, r);
    fputs("<h2>Suppliers</h2>\n<table>\n<tr><th>supplier</th>", out);
    for (c = 0; c < N_COLUMNS; c++)
        if (shown(r->scheme, c))
            fprintf(out, "<th>%s</th>", columns[c].name);
    for (c = 0; c < r->caps.n; c++)
        fprintf(out, "<th>%s used</th><th>%s cut</th>", r->caps.cap[c].name, r->caps.cap[c].name);
    fputs(kind == ER_REPORT_FINAL ? "<th>determination</th></tr>\n" : "</tr>\n", out);
    for (i = 0; i < r->n; i++) {
        const er_progress *p = &r->suppliers[i];

        fprintf(out, "<tr><th>%s</th>", p->supplier);
        for (c = 0; c < N_COLUMNS; c++) {
            if (shown(r->scheme, c))
                fprintf(out, "<td>%s</td>", text_of(value(p, c), columns[c].kind, buf));
        }
        for (c = 0; c < r->caps.n; c++) {
            fprintf(out, "<td>%s</td>", text_of(p->cap_used[c], cap_kind(r, c), buf));
            fprintf(out, "<td>%s</td>", ledger_pounds(p->cap_cut[c], buf));
        }
        if (kind == ER_REPORT_FINAL)
            fprintf(out, "<td>%s</td>", met(p, r->scheme) ? "met" : "not met");
        fputs("</tr>\n", out);
    }
    fputs("</table>\n</body>\n</html>\n", out);
}

er_status er_report_write(FILE *out, const er_progress_report *r, er_report_kind kind,
                          er_report_format format, const char *title)
{
    er_status rc = ER_OK;

    if (format == ER_FORMAT_JSON)
        rc = write_json(out, r, kind, title);
    else if (format == ER_FORMAT_CSV)
        write_csv(out, r, kind);
    else
        write_html(out, r, kind, title);
    if (rc == ER_OK && ferror(out))
        rc = ER_EIO;
    return rc;
}

/* The last day of month "YYYY-MM", and the month as written back. */
bool er_report_month_parse(const char *s, er_date *out, char month[16])
{
    int y, m;
    char tail;
    er_date first;

    if (sscanf(s, "%4d-%2d%c", &y, &m, &tail) != 2 || er_date_make(y, m, 1, &first) != ER_OK)
        return false;
    *out = er_deadline_month_end(first, 0);
    snprintf(month, 16, "%04d-%02d", y, m);
    return true;
}

/* "GBIS progress to 2024-06-30", "ECO4 monthly report to the Secretary
 * of State, 2024-06", "GBIS final determination". */
void er_report_title(char *out, size_t size, er_scheme_id id, er_report_kind kind,
                     const char *month, er_date until)
{
    char day[11];
    int n;

    if (kind == ER_REPORT_MONTHLY) {
        snprintf(out, size, "%s monthly report to the Secretary of State, %s", er_scheme_name(id),
                 month);
        return;
    }
    n = snprintf(out, size, "%s %s", er_scheme_name(id),
                 kind == ER_REPORT_FINAL ? "final determination" : "progress");
    if (until != ER_DATE_NONE && n > 0 && (size_t)n < size) {
        er_date_format_iso(until, day);
        snprintf(out + n, size - (size_t)n, " to %s", day);
    }
}
