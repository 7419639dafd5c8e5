/*
 * gbis_stage1.c: GBIS stage 1 rules, format and references (GBIS01xx,
 * 05xx, 07xx, TGBIS01xx).  Each rule cites Ofgem's code; see
 * docs/gbis_rules.md.
 */
#include "gbis_rules.h"

const gbis_rule gbis_stage1_rules[] = {
    { { "GBIS0000", 1, ER_GBIS_MRN, "placeholder, never fails" }, NULL },
};
const size_t gbis_stage1_count = 0;
