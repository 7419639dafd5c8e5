/*
 * scheme.c: a scheme's parameter set, the matrix versions it holds and its
 * heat-source proxy table.  The values themselves come from data/ (see
 * src/io/scheme_json.c); this file only keeps and finds them.
 */
#include "ecoreg/scheme.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "ecoreg/alloc.h"
#include "util.h"

void er_scheme_clear(er_scheme *s)
{
    size_t i;

    if (!s)
        return;
    for (i = 0; i < s->n_matrices; i++)
        er_matrix_free(s->matrices[i]);
    er_free(s->proxies);
    memset(s, 0, sizeof *s);
}

er_status er_scheme_add_matrix(er_scheme *s, er_matrix *m)
{
    if (s->n_matrices >= ER_SCHEME_MATRICES_MAX) {
        er_matrix_free(m);
        return ER_ELIMIT;
    }
    s->matrices[s->n_matrices++] = m;
    return ER_OK;
}

/* DESIGN.md "Scheme parameters are data": a measure is scored with the
 * matrix version valid on its completion date. */
er_status er_scheme_matrix(const er_scheme *s, er_matrix_kind kind,
                           er_date completion, const er_matrix **out,
                           er_error *err)
{
    const er_matrix *best = NULL;
    size_t i;

    for (i = 0; i < s->n_matrices; i++) {
        const er_matrix *m = s->matrices[i];

        if (er_matrix_kind_of(m) != kind)
            continue;
        if (completion != ER_DATE_NONE) {
            if (er_matrix_valid_on(m, completion))
                best = m; /* the later-listed version wins an overlap */
        } else {
            best = m; /* files list versions oldest first */
        }
    }
    *out = best;
    if (best)
        return ER_OK;
    if (completion != ER_DATE_NONE) {
        char day[11];

        er_date_format_iso(completion, day);
        return er_error_set(err, ER_ENOTFOUND, 0, "completion_date",
                            "no %s matrix is valid for completion on %s",
                            er_matrix_kind_name(kind), day);
    }
    return er_error_set(err, ER_ENOTFOUND, 0, "", "no %s matrix is loaded",
                        er_matrix_kind_name(kind));
}

const char *er_scheme_proxy(const er_scheme *s, const char *name)
{
    size_t i;

    for (i = 0; i < s->n_proxies; i++)
        if (strcmp(s->proxies[i].rare, name) == 0)
            return s->proxies[i].proxy;
    return name;
}

static const char *const scheme_names[ER_SCHEME_COUNT] = { "ECO4", "GBIS" };
static const char *const nation_names[3] = { "England", "Scotland", "Wales" };

const char *er_scheme_name(er_scheme_id id)
{
    return id >= 0 && id < ER_SCHEME_COUNT ? scheme_names[id] : "?";
}

er_status er_scheme_parse(const char *s, er_scheme_id *out)
{
    int i;

    for (i = 0; i < ER_SCHEME_COUNT; i++) {
        if (strcasecmp(s, scheme_names[i]) == 0) {
            *out = (er_scheme_id)i;
            return ER_OK;
        }
    }
    return ER_EINVAL;
}

const char *er_nation_name(er_nation n)
{
    return n >= 0 && n <= ER_NATION_WALES ? nation_names[n] : "?";
}

er_status er_nation_parse(const char *s, er_nation *out)
{
    int i = er_name_index(nation_names, 3, s);

    if (i < 0)
        return ER_EINVAL;
    *out = (er_nation)i;
    return ER_OK;
}

/* Postcode areas of Scotland and Wales (Royal Mail postcode areas, as the
 * ONS Postcode Directory assigns them); a cross-border area is not
 * guessed (spec/gbis_rules.md): the row's nation is then unknown. */
static const struct {
    const char *area;
    er_nation nation;
    bool cross_border;
} areas[] = {
    { "AB", ER_NATION_SCOTLAND, false }, { "DD", ER_NATION_SCOTLAND, false },
    { "DG", ER_NATION_SCOTLAND, false }, { "EH", ER_NATION_SCOTLAND, false },
    { "FK", ER_NATION_SCOTLAND, false }, { "G", ER_NATION_SCOTLAND, false },
    { "HS", ER_NATION_SCOTLAND, false }, { "IV", ER_NATION_SCOTLAND, false },
    { "KA", ER_NATION_SCOTLAND, false }, { "KW", ER_NATION_SCOTLAND, false },
    { "KY", ER_NATION_SCOTLAND, false }, { "ML", ER_NATION_SCOTLAND, false },
    { "PA", ER_NATION_SCOTLAND, false }, { "PH", ER_NATION_SCOTLAND, false },
    { "ZE", ER_NATION_SCOTLAND, false }, { "TD", ER_NATION_SCOTLAND, true },
    { "CF", ER_NATION_WALES, false },    { "LL", ER_NATION_WALES, false },
    { "SA", ER_NATION_WALES, false },    { "LD", ER_NATION_WALES, true },
    { "NP", ER_NATION_WALES, true },     { "SY", ER_NATION_WALES, true },
    { "CH", ER_NATION_WALES, true },     { "HR", ER_NATION_ENGLAND, true },
};

bool er_nation_of_postcode(const char *postcode, er_nation *out)
{
    char area[3] = { 0 };
    bool known;
    size_t i;

    for (i = 0; i < 2 && isalpha((unsigned char)postcode[i]); i++)
        area[i] = (char)toupper((unsigned char)postcode[i]);
    known = i > 0;
    *out = ER_NATION_ENGLAND;
    for (i = 0; known && i < sizeof areas / sizeof areas[0]; i++) {
        if (strcmp(areas[i].area, area) == 0) {
            *out = areas[i].nation;
            known = !areas[i].cross_border;
        }
    }
    return known;
}
