/*
 * routes.c: every route of the HTTP API in one table (STYLE.md: "HTTP
 * routes are declared as tables"): method, path pattern, the roles that
 * may call it (issue 6 "Who may do what"), its handler and a summary.
 * The OpenAPI document (web/openapi.json) describes the same routes; a
 * test holds the two together.
 */
#include <string.h>

#include "http.h"

#define ADMIN ROLE(ADMINISTRATOR)
#define SUPPLIER ROLE(SUPPLIER)
#define CB ROLE(CERTIFICATION_BODY)
#define INSTALLER ROLE(INSTALLER)

static const struct route routes[] = {
    /* the API itself */
    { "GET", "/api/v1/openapi.json", ROLES_ALL, api_openapi, "this API as OpenAPI 3" },
    { "GET", "/api/v1/routes", ROLES_ALL, api_routes, "the route table, with who may call each" },
    { "GET", "/api/v1/whoami", ROLES_ALL, api_whoami, "the role and scope of the caller's key" },
    /* ECO4 and GBIS: scoring, checking, notifying (DESIGN.md "Interfaces") */
    { "POST", "/api/v1/quote", ROLES_ALL, api_quote, "score a project; nothing is stored" },
    { "POST", "/api/v1/check", ADMIN | SUPPLIER, api_check,
      "validate a GBIS notification file by Ofgem's rule codes; nothing is stored" },
    { "POST", "/api/v1/notifications", ADMIN | SUPPLIER, api_notify,
      "record a notification file, or one row, in the register" },
    { "GET", "/api/v1/measures", ADMIN | SUPPLIER, api_measures, "list measures, with filters" },
    { "GET", "/api/v1/measures/{mrn}", ADMIN | SUPPLIER, api_measure,
      "a measure with its history" },
    { "POST", "/api/v1/measures/{mrn}/decision", ADMIN, api_decide,
      "approve, reject or revoke a measure, with a reason" },
    { "GET", "/api/v1/projects", ADMIN | SUPPLIER, api_projects, "list ECO4 projects" },
    { "GET", "/api/v1/projects/{project}", ADMIN | SUPPLIER, api_project,
      "an ECO4 project with its score and history" },
    { "GET", "/api/v1/suppliers", ADMIN | SUPPLIER, api_suppliers, "the suppliers" },
    { "POST", "/api/v1/suppliers", ADMIN, api_supplier_add, "add a supplier" },
    { "POST", "/api/v1/measures/{mrn}/extension", ADMIN, api_extension,
      "grant a measure more time to be notified, with a reference" },
    { "GET", "/api/v1/obligations", ADMIN | SUPPLIER, api_progress,
      "each supplier's progress against its obligation" },
    { "POST", "/api/v1/obligations", ADMIN, api_obligation_set,
      "set a supplier's obligation, minimum or target" },
    { "GET", "/api/v1/reports/{kind}", ADMIN, api_report,
      "the progress report, the monthly report or the final determination" },
    /* trades and transfers (seed 004 ch. 5) */
    { "POST", "/api/v1/trades", ADMIN | SUPPLIER, api_move_request,
      "the supplier giving requests to trade part of its obligation" },
    { "GET", "/api/v1/trades/{id}", ADMIN | SUPPLIER, api_move, "a trade with its history" },
    { "POST", "/api/v1/trades/{id}/steps", ADMIN | SUPPLIER, api_move_step,
      "the supplier receiving accepts; the administrator approves or refuses" },
    { "POST", "/api/v1/transfers", ADMIN | SUPPLIER, api_move_request,
      "the supplier giving requests to transfer approved measures" },
    { "GET", "/api/v1/transfers/{id}", ADMIN | SUPPLIER, api_move, "a transfer with its history" },
    { "POST", "/api/v1/transfers/{id}/steps", ADMIN | SUPPLIER, api_move_step,
      "the supplier receiving accepts; the administrator approves or refuses" },
    /* CHMM certification (issue 5) */
    { "GET", "/api/v1/installers", ROLES_ALL, api_installers,
      "find certified installers (by name, postcode area, technology)" },
    { "GET", "/api/v1/installers/{id}", ROLES_ALL, api_installer, "one installer" },
    { "POST", "/api/v1/installers", CB, api_installer_apply, "record an installer's application" },
    { "POST", "/api/v1/installers/{id}/steps", CB, api_installer_step,
      "approve, refuse, suspend, reinstate or expel an installer" },
    { "POST", "/api/v1/installers/{id}/actions", CB, api_corrective_action,
      "corrective action on an installer: training, more frequent assessment, suspension, "
      "expulsion" },
    { "GET", "/api/v1/certificates/{number}", ROLES_ALL, api_certificate,
      "check a certificate (the public view)" },
    { "GET", "/api/v1/installations", ADMIN | CB | INSTALLER, api_installations,
      "certified installations" },
    { "POST", "/api/v1/installations", CB | INSTALLER, api_certify,
      "certify installations (a file, all or nothing)" },
    { "GET", "/api/v1/installations/{number}", ADMIN | CB | INSTALLER, api_installation,
      "one installation with its history" },
    { "POST", "/api/v1/installations/{number}/withdrawal", CB, api_withdraw,
      "withdraw a certificate" },
    { "GET", "/api/v1/credits", ADMIN | CB, api_credits,
      "credits per licence holder, and installations refused a credit" },
    { "GET", "/api/v1/complaints", ADMIN | CB | INSTALLER, api_complaints, "complaints" },
    { "POST", "/api/v1/complaints", ROLES_ALL, api_complaint_submit, "make a complaint" },
    { "GET", "/api/v1/complaints/{id}", ADMIN | CB | INSTALLER, api_complaint,
      "one complaint with its history" },
    { "POST", "/api/v1/complaints/{id}/steps", CB, api_complaint_step,
      "acknowledge, resolve, escalate or close a complaint" },
    { "GET", "/api/v1/assessments", ADMIN | CB, api_assessments, "conformity assessments" },
    { "POST", "/api/v1/assessments/selection", CB, api_assessment_select,
      "select installations for on-site assessment by risk" },
    { "GET", "/api/v1/assessments/{number}", ADMIN | CB, api_assessment,
      "one assessment with its history" },
    { "POST", "/api/v1/assessments/{number}/steps", CB, api_assessment_step,
      "record an assessment's outcome or a step of its remedy" },
    { "GET", "/api/v1/indicators", ADMIN | CB, api_indicators,
      "the Annex A indicators of a period" },
};

#define N_ROUTES (sizeof routes / sizeof routes[0])

/* Whether `path` fits `pattern`: its literal prefix and suffix around the
 * one {param} (which may hold '/': an installer ID may); the parameter
 * into param[] and the literal length into *literal. */
static bool fits(const char *pattern, const char *path, char param[REQ_PARAM_MAX], size_t *literal)
{
    const char *open = strchr(pattern, '{'), *close;
    size_t n_path = strlen(path), n_pre, n_suf;

    if (!open) {
        *literal = strlen(pattern);
        param[0] = '\0';
        return strcmp(pattern, path) == 0;
    }
    close = strchr(open, '}');
    n_pre = (size_t)(open - pattern);
    n_suf = strlen(close + 1);
    if (n_path <= n_pre + n_suf || strncmp(path, pattern, n_pre) != 0 ||
        strcmp(path + n_path - n_suf, close + 1) != 0 || n_path - n_pre - n_suf >= REQ_PARAM_MAX)
        return false;
    memcpy(param, path + n_pre, n_path - n_pre - n_suf);
    param[n_path - n_pre - n_suf] = '\0';
    *literal = n_pre + n_suf;
    return true;
}

const struct route *route_find(const char *method, const char *path, char param[REQ_PARAM_MAX],
                               bool *path_known)
{
    const struct route *best = NULL;
    char p[REQ_PARAM_MAX];
    size_t i, literal, best_literal = 0;

    *path_known = false;
    param[0] = '\0';
    /* the longest literal wins: /installers/{id}/steps over /installers/{id} */
    for (i = 0; i < N_ROUTES; i++) {
        if (!fits(routes[i].pattern, path, p, &literal))
            continue;
        *path_known = true;
        if (strcmp(routes[i].method, method) != 0 || (best && literal <= best_literal))
            continue;
        best = &routes[i];
        best_literal = literal;
        memcpy(param, p, sizeof p);
    }
    return best;
}

void er_server_routes_json(er_jsonw *w)
{
    size_t i;
    int role;

    er_jsonw_lit(w, "[");
    for (i = 0; i < N_ROUTES; i++) {
        const char *sep = "";

        er_jsonw_lit(w, i ? ",{\"method\":" : "{\"method\":");
        er_jsonw_string(w, routes[i].method);
        er_jsonw_lit(w, ",\"path\":");
        er_jsonw_string(w, routes[i].pattern);
        er_jsonw_lit(w, ",\"roles\":[");
        for (role = 0; role < ER_ROLE_COUNT; role++)
            if (routes[i].roles & (1u << role)) {
                er_jsonw_lit(w, sep);
                er_jsonw_string(w, er_role_name((er_role)role));
                sep = ",";
            }
        er_jsonw_lit(w, "],\"summary\":");
        er_jsonw_string(w, routes[i].summary);
        er_jsonw_lit(w, "}");
    }
    er_jsonw_lit(w, "]");
}

void api_routes(struct req *r)
{
    er_server_routes_json(&r->out);
}
