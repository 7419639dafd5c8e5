/*
 * template.c: from a notification template's cells to its rows (see
 * template.h), whichever format they were read from.  Every template's row
 * type is { long row; const char *col[N]; }, described by its er_template
 * (size and offsets), so one loop fills the rows of all three: the rows
 * point into the table's text, which passes to the caller with them.
 */
#include "template.h"

#include <string.h>

#include "ecoreg/alloc.h"
#include "ecoreg/io.h"

void er_template_table_free(er_template_table *tab)
{
    if (!tab)
        return;
    er_free(tab->rownum);
    er_free(tab->off);
    er_free(tab->text);
    memset(tab, 0, sizeof *tab);
}

er_template_format er_template_format_of(const char *path)
{
    size_t n = strlen(path);

    return n >= 5 && strcmp(path + n - 5, ".json") == 0 ? ER_TEMPLATE_JSON : ER_TEMPLATE_CSV;
}

/* Points a new array of t's rows at tab's cells and hands both over. */
static er_status to_rows(const er_template *t, er_template_table *tab, void **rows, size_t *n,
                         char **text, er_error *err)
{
    char *a = er_calloc(tab->n, t->row_size);
    size_t r, c;

    if (!a)
        return er_error_set(err, ER_ENOMEM, 0, "", "out of memory");
    for (r = 0; r < tab->n; r++) {
        char *row = a + r * t->row_size;
        const char **col = (const char **)(void *)(row + t->col_at);

        *(long *)(void *)(row + t->row_at) = tab->rownum[r];
        for (c = 0; c < t->ncols; c++)
            col[c] = tab->text + tab->off[r * t->ncols + c];
    }
    *rows = a;
    *n = tab->n;
    *text = tab->text;
    tab->text = NULL;
    return ER_OK;
}

er_status er_template_read(const er_template *t, er_template_format fmt, const char *buf,
                           size_t len, void **rows, size_t *n, char **text, er_error *err)
{
    er_template_table tab;
    er_status rc;

    *rows = NULL;
    *n = 0;
    *text = NULL;
    rc = fmt == ER_TEMPLATE_JSON ? er_template_parse_json(t, buf, len, &tab, err)
                                 : er_template_parse_csv(t, buf, len, &tab, err);
    if (rc)
        return rc;
    rc = to_rows(t, &tab, rows, n, text, err);
    er_template_table_free(&tab);
    return rc;
}

er_status er_template_load(const er_template *t, er_template_format fmt, const char *path,
                           void **rows, size_t *n, char **text, er_error *err)
{
    char *buf = NULL;
    size_t len = 0;
    er_status rc;

    *rows = NULL;
    *n = 0;
    *text = NULL;
    if ((rc = er_read_file(path, t->max_bytes, &buf, &len, err)) == ER_OK)
        rc = er_template_read(t, fmt, buf, len, rows, n, text, err);
    er_free(buf);
    return rc;
}
