/*
 * jsonw.c: the JSON text writer (see jsonw.h).  Strings are escaped as
 * jansson's json_dumps() escapes them, UTF-8 kept as it is, so outputs
 * written here and by jansson read the same.
 */
#include "ecoreg/jsonw.h"

#include <stdio.h>
#include <string.h>

#include "ecoreg/alloc.h"

void er_jsonw_raw(er_jsonw *w, const char *s, size_t n)
{
    if (w->oom)
        return;
    if (n >= w->cap - w->len) {
        size_t cap = w->cap ? w->cap : 1024;
        char *p;

        while (n >= cap - w->len)
            cap *= 2;
        if (!(p = er_realloc(w->p, cap))) {
            w->oom = true;
            return;
        }
        w->p = p;
        w->cap = cap;
    }
    memcpy(w->p + w->len, s, n);
    w->len += n;
    w->p[w->len] = '\0';
}

void er_jsonw_lit(er_jsonw *w, const char *s)
{
    er_jsonw_raw(w, s, strlen(s));
}

void er_jsonw_string(er_jsonw *w, const char *s)
{
    const char *run;
    char esc[8];

    if (!s) {
        er_jsonw_raw(w, "null", 4);
        return;
    }
    er_jsonw_raw(w, "\"", 1);
    for (run = s; *s; s++) {
        unsigned char c = (unsigned char)*s;

        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        er_jsonw_raw(w, run, (size_t)(s - run));
        run = s + 1;
        switch (c) {
        case '"': er_jsonw_lit(w, "\\\""); break;
        case '\\': er_jsonw_lit(w, "\\\\"); break;
        case '\b': er_jsonw_lit(w, "\\b"); break;
        case '\f': er_jsonw_lit(w, "\\f"); break;
        case '\n': er_jsonw_lit(w, "\\n"); break;
        case '\r': er_jsonw_lit(w, "\\r"); break;
        case '\t': er_jsonw_lit(w, "\\t"); break;
        default:
            snprintf(esc, sizeof esc, "\\u%04X", c);
            er_jsonw_lit(w, esc);
        }
    }
    er_jsonw_raw(w, run, (size_t)(s - run));
    er_jsonw_raw(w, "\"", 1);
}

void er_jsonw_pennies(er_jsonw *w, int64_t pennies)
{
    uint64_t a = pennies < 0 ? 0 - (uint64_t)pennies : (uint64_t)pennies;
    char buf[32], *p = buf + sizeof buf;

    if (a % 10 != 0)
        *--p = (char)('0' + a % 10);
    *--p = (char)('0' + a / 10 % 10); /* one decimal at least: 593.0 */
    *--p = '.';
    a /= 100;
    do
        *--p = (char)('0' + a % 10);
    while ((a /= 10) != 0);
    if (pennies < 0)
        *--p = '-';
    er_jsonw_raw(w, p, (size_t)(buf + sizeof buf - p));
}

void er_jsonw_real(er_jsonw *w, double x)
{
    char buf[40];
    int n = snprintf(buf, sizeof buf, "%.15g", x);

    if (n > 0 && (size_t)n < sizeof buf - 2 && !strpbrk(buf, ".eE"))
        memcpy(buf + n, ".0", 3);
    er_jsonw_lit(w, buf);
}

void er_jsonw_tristate(er_jsonw *w, int v)
{
    er_jsonw_lit(w, v < 0 ? "null" : v ? "true" : "false");
}

void er_jsonw_free(er_jsonw *w)
{
    if (!w)
        return;
    er_free(w->p);
    memset(w, 0, sizeof *w);
}
