/*
 * certify_json.c: installers, certificates, complaints and assessments as
 * JSON objects (certify.h), as the CLI prints them and the API will serve
 * them.  Days are "YYYY-MM-DD", or null for none; so are texts not known.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "ecoreg/certify.h"
#include "ecoreg/io.h"

/* ,"key":"YYYY-MM-DD" or ,"key":null */
static void day(er_jsonw *w, const char *key, er_date d)
{
    char buf[11];

    er_jsonw_lit(w, ",\"");
    er_jsonw_lit(w, key);
    er_jsonw_lit(w, "\":");
    if (d == ER_DATE_NONE) {
        er_jsonw_lit(w, "null");
        return;
    }
    er_date_format_iso(d, buf);
    er_jsonw_string(w, buf);
}

/* ,"key":"text", or null when `v` is NULL */
static void text(er_jsonw *w, const char *key, const char *v)
{
    er_jsonw_lit(w, ",\"");
    er_jsonw_lit(w, key);
    er_jsonw_lit(w, "\":");
    er_jsonw_string(w, v);
}

void er_installer_json(er_jsonw *w, const er_installer *in, bool full)
{
    int t;
    bool first = true;

    er_jsonw_lit(w, "{\"id\":");
    er_jsonw_string(w, in->id);
    text(w, "name", in->name);
    text(w, "postcode", in->postcode);
    er_jsonw_lit(w, ",\"technologies\":[");
    for (t = 0; t <= ER_CHMM_HOT_WATER; t++)
        if (in->technologies & (1u << t)) {
            er_jsonw_lit(w, first ? "" : ",");
            er_jsonw_string(w, er_chmm_technology_name((er_chmm_technology)t));
            first = false;
        }
    er_jsonw_lit(w, "]");
    if (full) {
        text(w, "state", er_installer_state_name(in->state));
        day(w, "applied", in->applied);
        day(w, "approved", in->approved);
        day(w, "suspended_from", in->suspended_from);
        day(w, "suspended_to", in->suspended_to);
        day(w, "left", in->left);
        text(w, "reason", in->reason);
    }
    er_jsonw_lit(w, "}");
}

void er_certificate_json(er_jsonw *w, const er_certificate *c, bool full)
{
    char kw[40], district[ER_CHMM_CODE_MAX];

    er_jsonw_lit(w, "{\"certificate\":");
    er_jsonw_string(w, c->in.installation_id);
    text(w, "state", c->state);
    day(w, "certified", c->certified);
    day(w, "changed", c->changed);
    text(w, "technology_type", er_chmm_technology_name(c->in.technology));
    day(w, "commissioning_date", c->in.commissioned);
    er_jsonw_lit(w, ",\"total_capacity_kw\":");
    er_jsonw_lit(w, er_chmm_thousandths(c->in.capacity_w, kw));
    text(w, "product", c->in.product);
    text(w, "licence_holder", c->in.licence_holder);
    text(w, "installer_id", c->in.installer_id);
    text(w, "installer_name", c->installer_name);
    if (full) {
        er_jsonw_lit(w, ",\"record\":");
        er_chmm_record_json(w, &c->in);
    } else {
        /* the public see the postcode's outward code alone, not the home */
        snprintf(district, sizeof district, "%.*s", (int)strcspn(c->in.postcode, " "),
                 c->in.postcode);
        text(w, "postcode_district", district);
    }
    er_jsonw_lit(w, "}");
}

void er_complaint_json(er_jsonw *w, const er_complaint *c)
{
    er_jsonw_lit(w, "{\"id\":");
    er_jsonw_string(w, c->id);
    text(w, "state", er_complaint_state_name(c->state));
    text(w, "outcome", er_complaint_outcome_name(c->outcome));
    text(w, "installer_id", c->installer_id);
    text(w, "installation_id", c->installation_id);
    text(w, "summary", c->summary);
    text(w, "contact", c->contact[0] ? c->contact : NULL);
    er_jsonw_lit(w, c->no_heating ? ",\"no_heating\":true" : ",\"no_heating\":false");
    er_jsonw_lit(w, c->vulnerable ? ",\"vulnerable\":true" : ",\"vulnerable\":false");
    er_jsonw_lit(w, er_complaint_priority(c) ? ",\"priority\":true" : ",\"priority\":false");
    day(w, "received", c->received);
    day(w, "acknowledged", c->acknowledged);
    day(w, "resolved", c->resolved);
    day(w, "escalated", c->escalated);
    day(w, "closed", c->closed);
    day(w, "due_1_month", c->due_1_month);
    day(w, "due_3_months", c->due_3_months);
    er_jsonw_lit(w, "}");
}

void er_assessment_json(er_jsonw *w, const er_assessment *a)
{
    char num[32];

    er_jsonw_lit(w, "{\"installation_id\":");
    er_jsonw_string(w, a->installation_id);
    text(w, "installer_id", a->installer_id);
    text(w, "state", er_assessment_state_name(a->state));
    snprintf(num, sizeof num, ",\"risk\":%d", a->risk);
    er_jsonw_lit(w, num);
    snprintf(num, sizeof num, "%" PRIu64, a->seed);
    text(w, "seed", num);
    day(w, "selected", a->selected);
    day(w, "assessed", a->assessed);
    day(w, "reported", a->reported);
    day(w, "remedied", a->remedied);
    day(w, "last_step", a->last_step);
    text(w, "findings", a->findings);
    er_jsonw_lit(w, a->new_build ? ",\"new_build\":true" : ",\"new_build\":false");
    er_jsonw_lit(w, a->warranty_in_force ? ",\"warranty_in_force\":true"
                                         : ",\"warranty_in_force\":false");
    er_jsonw_lit(w, ",\"facts\":{\"designer\":");
    er_jsonw_string(w, a->facts.designer[0] ? a->facts.designer : NULL);
    text(w, "installed_by", a->facts.installed_by[0] ? a->facts.installed_by : NULL);
    day(w, "warranty_until", a->facts.warranty_until);
    er_jsonw_lit(w, a->facts.manufacturer_involved ? ",\"manufacturer_involved\":true"
                                                   : ",\"manufacturer_involved\":false");
    text(w, "third_party", a->facts.third_party[0] ? a->facts.third_party : NULL);
    er_jsonw_lit(w, "}}");
}
