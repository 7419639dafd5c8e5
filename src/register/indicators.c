/*
 * indicators.c: the Annex A performance indicators of the certification
 * scheme (certify.h; seed 000 Annex A Table A1), computed by
 * er_indicators_compute() (protect.c) from what the register holds: its
 * installers' lifecycle days, its installations' certification days and
 * on-site assessments, its complaints.
 */
#include <stdint.h>
#include <string.h>

#include "ecoreg/alloc.h"
#include "ecoreg/certify.h"
#include "strmap.h"

struct gather {
    er_ind_installer *installers;
    er_ind_installation *installations;
    er_ind_complaint *complaints;
    size_t n_installers, n_installations, n_complaints;
    size_t cap_installers, cap_installations, cap_complaints;
    strmap at; /* certificate number -> its index + 1 in installations */
    bool oom;
};

/* Room for one more element in *a (of `size` bytes, n used, *cap held). */
static void *grow(void *pa, size_t n, size_t *cap, size_t size, bool *oom)
{
    void **a = pa, *p;
    size_t c = *cap ? *cap * 2 : 64;

    if (n < *cap)
        return *a;
    if (!(p = er_realloc(*a, c * size))) {
        *oom = true;
        return NULL;
    }
    *a = p;
    *cap = c;
    return p;
}

static int add_installer(void *ctx, const er_installer *in)
{
    struct gather *g = ctx;

    if (!grow(&g->installers, g->n_installers, &g->cap_installers, sizeof *g->installers, &g->oom))
        return 1;
    g->installers[g->n_installers++] = (er_ind_installer){
        .applied = in->applied,
        .approved = in->approved,
        .left = in->left,
        .suspended_from = in->suspended_from,
        .suspended_to = in->suspended_to,
    };
    return 0;
}

static int add_installation(void *ctx, const er_certificate *c)
{
    struct gather *g = ctx;
    void **slot;

    /* a withdrawn certificate (issued in error, removed) is not counted as
     * certified */
    if (strcmp(c->state, "certified") != 0)
        return 0;
    if (!grow(&g->installations, g->n_installations, &g->cap_installations,
              sizeof *g->installations, &g->oom) ||
        !(slot = strmap_slot(&g->at, c->in.installation_id))) {
        g->oom = true;
        return 1;
    }
    g->installations[g->n_installations++] = (er_ind_installation){ .certified = c->certified,
                                                                    .assessed = ER_DATE_NONE,
                                                                    .nonconforming = false };
    *slot = (void *)(uintptr_t)g->n_installations;
    return 0;
}

static int add_assessment(void *ctx, const er_assessment *a)
{
    struct gather *g = ctx;
    uintptr_t i = (uintptr_t)strmap_get(&g->at, a->installation_id);

    if (!i || a->assessed == ER_DATE_NONE)
        return 0; /* selected, not yet assessed on site */
    g->installations[i - 1].assessed = a->assessed;
    g->installations[i - 1].nonconforming =
        a->state != ER_ASSESSMENT_SELECTED && a->state != ER_ASSESSMENT_CONFORMING;
    return 0;
}

static int add_complaint(void *ctx, const er_complaint *c)
{
    struct gather *g = ctx;

    if (!grow(&g->complaints, g->n_complaints, &g->cap_complaints, sizeof *g->complaints, &g->oom))
        return 1;
    g->complaints[g->n_complaints++] = (er_ind_complaint){ .received = c->received,
                                                           .resolved = c->resolved,
                                                           .outcome = c->outcome };
    return 0;
}

er_status er_register_indicators(er_store *s, er_date from, er_date to, er_indicators *out,
                                 er_error *err)
{
    struct gather g = { .oom = false };
    er_status rc;

    memset(out, 0, sizeof *out);
    if (from == ER_DATE_NONE || to == ER_DATE_NONE || from > to)
        return er_error_set(err, ER_EINVAL, 0, "from", "a period is --from DAY --to DAY, in order");
    if ((rc = er_store_begin_read(s, err)) != ER_OK)
        return rc;
    if (!(rc = er_register_installer_each(s, add_installer, &g)) &&
        !(rc = er_register_chmm_each(s, add_installation, &g)) &&
        !(rc = er_register_assessment_each(s, add_assessment, &g)))
        rc = er_register_complaint_each(s, add_complaint, &g);
    er_store_rollback(s);
    if (!rc && g.oom)
        rc = ER_ENOMEM;
    if (!rc)
        er_indicators_compute(g.installers, g.n_installers, g.installations, g.n_installations,
                              g.complaints, g.n_complaints, from, to, out);
    else
        er_error_set(err, rc, 0, "", "the register cannot be read: %s", er_strerror(rc));
    er_free(g.installers);
    er_free(g.installations);
    er_free(g.complaints);
    strmap_free(&g.at, NULL);
    return rc;
}
