/*
 * protect.c: the consumer protections of a CHMM certification scheme
 * (protect.h; seed 000 "Redress", "Frequency of conformity assessment" and
 * Annex A): the complaints state machine as a declared table of steps,
 * the installer risk score, the reproducible risk-weighted choice of
 * installations for on-site assessment, and the Annex A indicators.
 *
 * The choice uses integers alone (splitmix64, unbiased rejection, a
 * Fenwick tree of weights), so a seed and a list of weights pick the same
 * installations on every machine and compiler.
 */
#include "ecoreg/protect.h"

#include <limits.h>
#include <string.h>

#include "ecoreg/alloc.h"
#include "ecoreg/deadline.h"

/* ---- complaints ------------------------------------------------------ */

static const char *const state_names[ER_COMPLAINT_STATE_COUNT] = {
    [ER_COMPLAINT_RECEIVED] = "received",
    [ER_COMPLAINT_ACKNOWLEDGED] = "acknowledged",
    [ER_COMPLAINT_INVESTIGATING] = "investigating",
    [ER_COMPLAINT_RESOLVED] = "resolved",
    [ER_COMPLAINT_ADR] = "adr",
    [ER_COMPLAINT_ADR_DECIDED] = "adr_decided",
    [ER_COMPLAINT_OUT_OF_SCOPE] = "out_of_scope",
};

/* Annex A, "Complaint resolution - outcome": the categories */
static const char *const outcome_names[ER_OUTCOME_COUNT] = {
    [ER_OUTCOME_NONE] = "none",
    [ER_OUTCOME_OUT_OF_SCOPE] = "out_of_scope",
    [ER_OUTCOME_NO_NON_CONFORMITY] = "no_non_conformity",
    [ER_OUTCOME_PUT_RIGHT_INSTALLER] = "put_right_installer",
    [ER_OUTCOME_PUT_RIGHT_OTHER] = "put_right_other",
    [ER_OUTCOME_OTHER] = "other",
    [ER_OUTCOME_ADR_COMPLAINANT] = "adr_complainant",
    [ER_OUTCOME_ADR_INSTALLER] = "adr_installer",
};

#define BIT(o) (1u << (o))
/* A resolution by the scheme: Annex A's categories other than out of
 * scope and the two ADR findings. */
#define RESOLUTIONS                                                                                \
    (BIT(ER_OUTCOME_NO_NON_CONFORMITY) | BIT(ER_OUTCOME_PUT_RIGHT_INSTALLER) |                     \
     BIT(ER_OUTCOME_PUT_RIGHT_OTHER) | BIT(ER_OUTCOME_OTHER))
#define ADR_FINDINGS (BIT(ER_OUTCOME_ADR_COMPLAINANT) | BIT(ER_OUTCOME_ADR_INSTALLER))

/* Each step's name and the outcomes it takes (`takes` says so in words). */
static const struct {
    const char *name;
    unsigned outcomes;
    const char *takes;
} steps[ER_COMPLAINT_STEP_COUNT] = {
    [ER_COMPLAINT_ACKNOWLEDGE] = { "acknowledge", BIT(ER_OUTCOME_NONE), "none" },
    [ER_COMPLAINT_INVESTIGATE] = { "investigate", BIT(ER_OUTCOME_NONE), "none" },
    [ER_COMPLAINT_RESOLVE] = { "resolve", RESOLUTIONS,
                               "no_non_conformity, put_right_installer, put_right_other or "
                               "other" },
    [ER_COMPLAINT_ESCALATE] = { "escalate", BIT(ER_OUTCOME_NONE), "none" },
    [ER_COMPLAINT_ADR_OUTCOME] = { "adr_outcome", ADR_FINDINGS,
                                   "adr_complainant or adr_installer" },
    [ER_COMPLAINT_RULE_OUT] = { "rule_out", BIT(ER_OUTCOME_NONE), "none" },
};

/* The transitions; any (state, step) pair not listed is refused, so
 * nothing skips a state, leaves a final one or goes back. */
static const struct {
    er_complaint_state from;
    er_complaint_step step;
    er_complaint_state to;
} edges[] = {
    /* seed 000 "Redress": "a robust and effective investigations and
     * complaints process" with "target timelines" */
    { ER_COMPLAINT_RECEIVED, ER_COMPLAINT_ACKNOWLEDGE, ER_COMPLAINT_ACKNOWLEDGED },
    { ER_COMPLAINT_ACKNOWLEDGED, ER_COMPLAINT_INVESTIGATE, ER_COMPLAINT_INVESTIGATING },
    /* "not generally considered to be resolved until either the customer
     * is satisfied, corrective action has been taken, or the complaints
     * process has been exhausted" */
    { ER_COMPLAINT_INVESTIGATING, ER_COMPLAINT_RESOLVE, ER_COMPLAINT_RESOLVED },
    /* "Consumers can access Alternative Dispute Resolution (ADR) where the
     * scheme is unable to resolve their complaint"; Annex A: "(and
     * complainant does not escalate to ADR)", so from resolved too */
    { ER_COMPLAINT_INVESTIGATING, ER_COMPLAINT_ESCALATE, ER_COMPLAINT_ADR },
    { ER_COMPLAINT_RESOLVED, ER_COMPLAINT_ESCALATE, ER_COMPLAINT_ADR },
    /* Annex A: "escalated to ADR and found in favour of the complainant"
     * or "of the installer" */
    { ER_COMPLAINT_ADR, ER_COMPLAINT_ADR_OUTCOME, ER_COMPLAINT_ADR_DECIDED },
    /* "(Providing that the issue is in scope of the certification
     * scheme.)"; Annex A: "complaint deemed out of scope of the scheme" */
    { ER_COMPLAINT_RECEIVED, ER_COMPLAINT_RULE_OUT, ER_COMPLAINT_OUT_OF_SCOPE },
    { ER_COMPLAINT_ACKNOWLEDGED, ER_COMPLAINT_RULE_OUT, ER_COMPLAINT_OUT_OF_SCOPE },
    { ER_COMPLAINT_INVESTIGATING, ER_COMPLAINT_RULE_OUT, ER_COMPLAINT_OUT_OF_SCOPE },
};

const char *er_complaint_state_name(er_complaint_state s)
{
    return (unsigned)s < ER_COMPLAINT_STATE_COUNT ? state_names[s] : "?";
}

const char *er_complaint_step_name(er_complaint_step s)
{
    return (unsigned)s < ER_COMPLAINT_STEP_COUNT ? steps[s].name : "?";
}

const char *er_complaint_outcome_name(er_complaint_outcome o)
{
    return (unsigned)o < ER_OUTCOME_COUNT ? outcome_names[o] : "?";
}

/* The index of `s` among the names given by name(0..n), exactly, or -1. */
static int lookup(const char *s, const char *(*name)(int), int n)
{
    int i;

    if (!s)
        return -1;
    for (i = 0; i < n; i++)
        if (strcmp(s, name(i)) == 0)
            return i;
    return -1;
}

static const char *state_at(int i)
{
    return er_complaint_state_name((er_complaint_state)i);
}

static const char *step_at(int i)
{
    return er_complaint_step_name((er_complaint_step)i);
}

static const char *outcome_at(int i)
{
    return er_complaint_outcome_name((er_complaint_outcome)i);
}

er_status er_complaint_state_parse(const char *s, er_complaint_state *out)
{
    int i = lookup(s, state_at, ER_COMPLAINT_STATE_COUNT);

    if (i < 0)
        return ER_EINVAL;
    *out = (er_complaint_state)i;
    return ER_OK;
}

er_status er_complaint_step_parse(const char *s, er_complaint_step *out)
{
    int i = lookup(s, step_at, ER_COMPLAINT_STEP_COUNT);

    if (i < 0)
        return ER_EINVAL;
    *out = (er_complaint_step)i;
    return ER_OK;
}

er_status er_complaint_outcome_parse(const char *s, er_complaint_outcome *out)
{
    int i = lookup(s, outcome_at, ER_OUTCOME_COUNT);

    if (i < 0)
        return ER_EINVAL;
    *out = (er_complaint_outcome)i;
    return ER_OK;
}

er_status er_complaint_next(er_complaint_state from, er_complaint_step step,
                            er_complaint_outcome outcome, er_complaint_state *to, er_error *err)
{
    size_t i;

    if ((unsigned)from >= ER_COMPLAINT_STATE_COUNT)
        return er_error_set(err, ER_EINVAL, 0, "step", "no complaint state %d", (int)from);
    if ((unsigned)step >= ER_COMPLAINT_STEP_COUNT)
        return er_error_set(err, ER_EINVAL, 0, "step", "no complaint step %d", (int)step);
    for (i = 0; i < sizeof edges / sizeof edges[0]; i++)
        if (edges[i].from == from && edges[i].step == step)
            break;
    if (i == sizeof edges / sizeof edges[0])
        return er_error_set(err, ER_EINVAL, 0, "step", "cannot %s a complaint that is %s",
                            steps[step].name, state_names[from]);
    if ((unsigned)outcome >= ER_OUTCOME_COUNT || !(steps[step].outcomes & BIT(outcome)))
        return er_error_set(err, ER_EINVAL, 0, "outcome", "%s takes the outcome %s, not %s",
                            steps[step].name, steps[step].takes,
                            er_complaint_outcome_name(outcome));
    *to = edges[i].to;
    return ER_OK;
}

/* ---- risk score ------------------------------------------------------ */

int er_risk_score(const er_risk_input *in, const er_risk_weights *w, er_date today)
{
    int64_t complaints = in->complaints > 0 ? in->complaints : 0;
    int64_t nonconformities = in->nonconformities > 0 ? in->nonconformities : 0;
    int64_t score, years;

    /* seed 000 "Frequency of conformity assessment": "proportionate to
     * the expected risk of non-conformity", from "complaints about a
     * member, time since last audit, or previous non-conformity".  Each
     * product of two ints fits in 64 bits, and so does their sum. */
    score = (int64_t)w->base + (int64_t)w->per_complaint * complaints;
    if (in->last_assessed == ER_DATE_NONE) {
        score += w->never_assessed;
    } else {
        /* whole years of 365 days, floored; none for a date after today */
        years = ((int64_t)today - in->last_assessed) / 365;
        score += (int64_t)w->per_year_unassessed * (years > 0 ? years : 0);
    }
    if (in->last_nonconforming)
        score += w->last_nonconforming;
    score += (int64_t)w->per_nonconformity * nonconformities;
    if (score < 1)
        return 1;
    return score > INT_MAX ? INT_MAX : (int)score;
}

/* ---- selection ------------------------------------------------------- */

/* splitmix64 (Steele, Lea and Flood, "Fast splittable pseudorandom number
 * generators", 2014), exactly as in Vigna's reference splitmix64.c. */
static uint64_t splitmix64(uint64_t *state)
{
    uint64_t z;

    *state += 0x9E3779B97F4A7C15u;
    z = *state;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
    return z ^ (z >> 31);
}

/* Uniform in [0, total), total >= 1, without bias: of the 2^64 outputs,
 * the top 2^64 mod total are rejected, leaving a whole number of copies of
 * [0, total). */
static uint64_t below(uint64_t *state, uint64_t total)
{
    uint64_t excess = (UINT64_MAX % total + 1) % total; /* 2^64 mod total */
    uint64_t z;

    do
        z = splitmix64(state);
    while (excess && z > UINT64_MAX - excess);
    return z % total;
}

/* An installation's weight in the draw: its score, at least 1. */
static uint64_t weight_of(int w)
{
    return w < 1 ? 1 : (uint64_t)w;
}

/* The 0-based index whose interval [prefix(i), prefix(i + 1)) holds r,
 * r below the tree's total: the largest i with prefix(i) <= r, found by
 * descending the Fenwick tree a[1..n] from its highest power of 2. */
static size_t fenwick_find(const uint64_t *a, size_t n, size_t top, uint64_t r)
{
    size_t pos = 0, step;

    for (step = top; step; step >>= 1)
        if (pos + step <= n && a[pos + step] <= r) {
            pos += step;
            r -= a[pos];
        }
    return pos;
}

er_status er_risk_select(const int *weight, size_t n, size_t k, uint64_t seed, size_t *picked,
                         er_error *err)
{
    uint64_t *a, total = 0, state = seed;
    size_t i, j, top = 1;

    if (k > n)
        k = n;
    if (k == 0)
        return ER_OK;
    /* n weights of at most INT_MAX each sum below 2^64 (n up to 2^33) */
    if ((uint64_t)n > UINT64_MAX / INT_MAX)
        return er_error_set(err, ER_ELIMIT, 0, "", "%zu installations: too many to draw from", n);
    if (n == SIZE_MAX || !(a = er_calloc(n + 1, sizeof *a)))
        return er_error_set(err, ER_ENOMEM, 0, "", "out of memory");
    /* the Fenwick tree in O(n): a[i] holds the weights (i - lowbit(i), i] */
    for (i = 1; i <= n; i++) {
        a[i] += weight_of(weight[i - 1]);
        total += weight_of(weight[i - 1]);
        j = i + (i & (~i + 1));
        if (j <= n)
            a[j] += a[i];
    }
    while (top <= n / 2)
        top <<= 1;
    for (i = 0; i < k; i++) {
        uint64_t w;

        picked[i] = fenwick_find(a, n, top, below(&state, total));
        /* a picked installation's weight drops to 0 */
        w = weight_of(weight[picked[i]]);
        total -= w;
        for (j = picked[i] + 1; j <= n; j += j & (~j + 1))
            a[j] -= w;
    }
    er_free(a);
    return ER_OK;
}

/* ---- Annex A indicators ---------------------------------------------- */

static bool within(er_date d, er_date from, er_date to)
{
    return d != ER_DATE_NONE && d >= from && d <= to;
}

/* Able to certify on `day`: approved by then, not gone, not suspended. */
static bool able(const er_ind_installer *p, er_date day)
{
    bool suspended = p->suspended_from != ER_DATE_NONE && p->suspended_from <= day &&
                     (p->suspended_to == ER_DATE_NONE || p->suspended_to > day);

    return p->approved != ER_DATE_NONE && p->approved <= day &&
           (p->left == ER_DATE_NONE || p->left > day) && !suspended;
}

static void count_installers(const er_ind_installer *p, size_t n, er_indicators *out)
{
    size_t i;

    for (i = 0; i < n; i++) {
        /* Table A1 "Size of scheme - installers": "Number of installers
         * able to certify installations under the scheme" */
        if (able(&p[i], out->to))
            out->installers++;
        /* "Scheme onboarding": "Average time between a contractor applying
         * to become a member of the scheme and becoming approved ...
         * (Excluding unsuccessful applicants.)": never approved, never
         * counted; the average is onboarding_days / onboarded */
        if (within(p[i].approved, out->from, out->to)) {
            out->onboarded++;
            out->onboarding_days += (long)p[i].approved - (long)p[i].applied;
        }
    }
}

static void count_installations(const er_ind_installation *p, size_t n, er_indicators *out)
{
    size_t i;

    for (i = 0; i < n; i++) {
        bool certified = within(p[i].certified, out->from, out->to);

        /* "Size of scheme - installations": "Number of heat pumps
         * certified under the scheme" */
        if (certified)
            out->installations++;
        /* "Conformity assessment - outcome": "Percentage of on-site
         * conformity assessments which identify issues of non-conformity" */
        if (within(p[i].assessed, out->from, out->to)) {
            out->nonconformity.of++;
            if (p[i].nonconforming)
                out->nonconformity.count++;
        }
        /* "proportion of installations receiving on-site assessment":
         * "Percentage of all heat pump installations certified under the
         * scheme receiving an on-site conformity assessment" (by `to`) */
        if (certified && p[i].assessed != ER_DATE_NONE && p[i].assessed <= out->to)
            out->assessed.count++;
    }
    out->assessed.of = out->installations;
}

static void count_complaints(const er_ind_complaint *p, size_t n, er_indicators *out)
{
    size_t i;

    for (i = 0; i < n; i++) {
        const er_ind_complaint *c = &p[i];
        int o;

        if (!within(c->received, out->from, out->to))
            continue;
        /* "Complaints received": "Percentage of all heat pump
         * installations certified under the scheme resulting in a
         * complaint": complaints received over installations certified */
        out->complaint_rate.count++;
        /* "Complaint resolution - outcome": "Percentage of complaints
         * outcomes", each category over all complaints (none: open) */
        for (o = 0; o < ER_OUTCOME_COUNT; o++) {
            out->outcome[o].of++;
            if (c->outcome == (er_complaint_outcome)o)
                out->outcome[o].count++;
        }
        /* "Complaint resolution - speed": "Percentage of complaints
         * resolved within 1 month & ... within 3 months", of those in the
         * scheme's scope ("Providing that the issue is in scope") */
        if (c->outcome == ER_OUTCOME_OUT_OF_SCOPE)
            continue;
        out->within_1_month.of++;
        out->within_3_months.of++;
        if (c->resolved == ER_DATE_NONE)
            continue;
        if (c->resolved <= er_deadline_add_months(c->received, 1))
            out->within_1_month.count++;
        if (c->resolved <= er_deadline_add_months(c->received, 3))
            out->within_3_months.count++;
    }
    out->complaint_rate.of = out->installations;
}

void er_indicators_compute(const er_ind_installer *installers, size_t n_installers,
                           const er_ind_installation *installations, size_t n_installations,
                           const er_ind_complaint *complaints, size_t n_complaints, er_date from,
                           er_date to, er_indicators *out)
{
    memset(out, 0, sizeof *out);
    out->from = from;
    out->to = to;
    count_installers(installers, n_installers, out);
    count_installations(installations, n_installations, out);
    count_complaints(complaints, n_complaints, out);
}
