/*
 * gbis_stage2.c: GBIS stage 2 rules, eligibility, links and deadlines
 * (GBIS02xx-04xx, 06xx, 08xx-10xx).  Each rule cites Ofgem's code; see
 * docs/gbis_rules.md.
 */
#include "gbis_rules.h"

const gbis_rule gbis_stage2_rules[] = {
    { { "GBIS0000", 2, ER_GBIS_MRN, "placeholder, never fails" }, NULL },
};
const size_t gbis_stage2_count = 0;
