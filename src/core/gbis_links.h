/*
 * gbis_links.h: what the two files of GBIS stage 2 rules share (internal
 * to gbis_stage2.c and gbis_links.c).
 *
 * gbis_stage2.c holds the one stage 2 table, the eligibility, field,
 * flex and deadline rules, and the helpers below; gbis_links.c holds the
 * rules on links between measures (GBIS06xx in-fill, GBIS08xx heating
 * controls).  Template values are compared as Ofgem's service compares
 * them: case-insensitively, and an empty cell is a value like any other
 * (so "" is not "N/A"; Ofgem's data dictionary asks for N/A).
 */
#ifndef ECOREG_CORE_GBIS_LINKS_H
#define ECOREG_CORE_GBIS_LINKS_H

#include "gbis_rules.h"

/* Ofgem's reference values (Application/Constants/EligibilityTypes.cs,
 * TenureTypes.cs, PropertyTypes.cs, MeasureTypes.cs). */
#define GBIS2_GENERAL "General Group"
#define GBIS2_HELP_TO_HEAT "LI - Help to Heat Group"
#define GBIS2_LA_DECLARATION "LI - LA Declaration"
#define GBIS2_SUPPLIER_EVIDENCE "LI - Supplier Evidence"
#define GBIS2_SOCIAL "LI - Social Housing"
#define GBIS2_INFILL "In-fill"
#define GBIS2_SOCIAL_TENURE "Social Housing (RSL)"
#define GBIS2_OWNER "Owner Occupied"
#define GBIS2_PRIVATE_RENTED "Private Rented Sector"
#define GBIS2_NA "N/A"

/* A measure's category, from the GBIS matrix (Ofgem's MeasureCategories). */
typedef enum gbis2_cat {
    GBIS2_CAT_UNKNOWN = 0, /* the matrix does not know the measure type */
    GBIS2_CAT_CAVITY,      /* Cavity Wall Insulation */
    GBIS2_CAT_WALL,        /* External / Internal Wall Insulation */
    GBIS2_CAT_LOFT,        /* Loft Insulation */
    GBIS2_CAT_OTHER_INSULATION,
    GBIS2_CAT_OTHER        /* any other category ("Other Heating") */
} gbis2_cat;

/* The cell is "N/A". */
bool gbis2_na(const er_gbis_row *r, er_gbis_col col);
/* The cell is anything but "N/A", empty included: how Ofgem's rules test
 * "!value.CaseInsensitiveEquals(N/A)". */
bool gbis2_given(const er_gbis_row *r, er_gbis_col col);
/* Ofgem's CaseInsensitiveEquals(a, b): equal ignoring case, and false
 * whenever b is empty, so two empty cells never match. */
bool gbis2_same(const char *a, const char *b);
/* The cell, or "(empty)" for messages. */
const char *gbis2_show(const er_gbis_row *r, er_gbis_col col);
/* A measure reference number: 3 letters and 10 digits (GbisRegexes). */
bool gbis2_mrn_format(const char *s);
/* The row's Eligibility_Type is `type`. */
bool gbis2_elig(const er_gbis_row *r, const char *type);
/* A heating control: Measure_Type TRV or P&RT. */
bool gbis2_heating_control(const er_gbis_row *r);
/* Property Flat or Maisonette. */
bool gbis2_flat(const er_gbis_row *r);
/* Property House, Bungalow or Park Home. */
bool gbis2_house(const er_gbis_row *r);
/* The category of row r's measure type (r may be NULL: unknown). */
gbis2_cat gbis2_category(const gbis_view *v, const er_gbis_row *r);
/* The matrix's category name of row r's measure type, or NULL. */
const char *gbis2_category_name(const gbis_view *v, const er_gbis_row *r);
/* The date of a dd/MM/yyyy cell; false when it does not parse. */
bool gbis2_date(const er_gbis_row *r, er_gbis_col col, er_date *out);
/* Starting_SAP_Rating parses as a decimal and lies outside lo..hi tenths
 * (684 for 68.4), as Ofgem's "TryParse && (sap < lo || sap > hi)". */
bool gbis2_sap_outside(const er_gbis_row *r, int lo, int hi);

/* The link rules of gbis_links.c, listed in gbis_stage2.c's table. */
#define GBIS2_RULE(name) bool name(const gbis_view *v, char *msg, size_t cap)
GBIS2_RULE(gbis2_r0600);
GBIS2_RULE(gbis2_r0601);
GBIS2_RULE(gbis2_r0602);
GBIS2_RULE(gbis2_r0603);
GBIS2_RULE(gbis2_r0604);
GBIS2_RULE(gbis2_r0605);
GBIS2_RULE(gbis2_r0606);
GBIS2_RULE(gbis2_r0607);
GBIS2_RULE(gbis2_r0608);
GBIS2_RULE(gbis2_r0609);
GBIS2_RULE(gbis2_r0610);
GBIS2_RULE(gbis2_r0611);
GBIS2_RULE(gbis2_r0612);
GBIS2_RULE(gbis2_r0613);
GBIS2_RULE(gbis2_r0614);
GBIS2_RULE(gbis2_r0615);
GBIS2_RULE(gbis2_r0616);
GBIS2_RULE(gbis2_r0617);
GBIS2_RULE(gbis2_r0618);
GBIS2_RULE(gbis2_r0619);
GBIS2_RULE(gbis2_r0620);
GBIS2_RULE(gbis2_r0621);
GBIS2_RULE(gbis2_r0622);
GBIS2_RULE(gbis2_r0623);
GBIS2_RULE(gbis2_r0624);
GBIS2_RULE(gbis2_r0625);
GBIS2_RULE(gbis2_r0626);
GBIS2_RULE(gbis2_r0627);
GBIS2_RULE(gbis2_r0628);
GBIS2_RULE(gbis2_r0629);
GBIS2_RULE(gbis2_r0630);
GBIS2_RULE(gbis2_r0631);
GBIS2_RULE(gbis2_r0632);
GBIS2_RULE(gbis2_r0633);
GBIS2_RULE(gbis2_r0634);
GBIS2_RULE(gbis2_r0800);
GBIS2_RULE(gbis2_r0801);
GBIS2_RULE(gbis2_r0802);
GBIS2_RULE(gbis2_r0803);
GBIS2_RULE(gbis2_r0804);
GBIS2_RULE(gbis2_r0805);
GBIS2_RULE(gbis2_r0806);
GBIS2_RULE(gbis2_r0807);
GBIS2_RULE(gbis2_r0808);
GBIS2_RULE(gbis2_r0809);
GBIS2_RULE(gbis2_r0811);
GBIS2_RULE(gbis2_r0812);
GBIS2_RULE(gbis2_r0813);
GBIS2_RULE(gbis2_r0814);

#endif
