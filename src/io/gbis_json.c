/*
 * gbis_json.c: a GBIS row's check failures written as JSON, for the
 * commands and the server that answer in JSON.  (The GBIS template read
 * from JSON is gbis_template.c's.)
 */
#include "ecoreg/io.h"

void er_gbis_failures_json(er_jsonw *w, const er_gbis_outcome *o)
{
    size_t i, n = o->n_failures < ER_GBIS_FAILURES_MAX ? o->n_failures : ER_GBIS_FAILURES_MAX;

    er_jsonw_lit(w, "[");
    for (i = 0; i < n; i++) {
        er_jsonw_lit(w, i ? ",{\"rule\":" : "{\"rule\":");
        er_jsonw_string(w, o->failures[i].rule);
        er_jsonw_lit(w, ",\"field\":");
        er_jsonw_string(w, er_gbis_column_name(o->failures[i].column));
        er_jsonw_lit(w, ",\"message\":");
        er_jsonw_string(w, o->failures[i].message);
        er_jsonw_lit(w, "}");
    }
    er_jsonw_lit(w, "]");
}
