/*
 * deadline.h: when a completed ECO4 or GBIS measure must be notified.
 *
 * Pure arithmetic on er_date, shared by the ECO4 and GBIS rules.  A
 * measure is notified on time by the end of the month after the month it
 * was completed (ECO4 Order, SI 2022/875, art. 44(1)(a)(ii); seed 004,
 * "Measure Notification and Extension", for GBIS).  A supplier may notify
 * up to 5% of the measures it completed in a calendar month late, under
 * the automatic late extension, until the end of the fourth month after
 * the completion month, and never after the scheme's final date (art.
 * 44(1)(c) and (2)).  Nothing here reads the clock: callers pass dates in.
 */
#ifndef ECOREG_DEADLINE_H
#define ECOREG_DEADLINE_H

#include <stdbool.h>

#include "ecoreg/date.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * The day `months` calendar months after `date` (before it when negative),
 * clamped to the last day of the month reached: 31 Jan 2024 + 1 month is
 * 29 Feb 2024.  This is .NET's DateTime.AddMonths, which Ofgem's GBIS rules
 * use for their "within 3 months" windows (GBIS0618, GBIS0619, GBIS0804).
 */
er_date er_deadline_add_months(er_date date, int months);

/** The last day of the month `months` calendar months after the month of
 *  `date` (0: the last day of date's own month). */
er_date er_deadline_month_end(er_date date, int months);

/**
 * The original notification deadline of a measure completed on
 * `completion`: the last day of the following month (ECO4 Order art.
 * 44(1)(a)(ii)).  A notification received on that day is on time.
 */
er_date er_deadline_notification(er_date completion);

/**
 * The automatic late extension deadline: the original deadline moved on
 * `months` months, to a month end (3 months under ECO4 art. 44(1)(c)(i),
 * "the end of the fourth month after the month in which the measure was
 * completed", and under GBIS, seed 004), but never after `final` (ECO4
 * art. 44(1)(c)(ii): the end of June 2026).  `final` may be ER_DATE_NONE
 * for no such cap.
 */
er_date er_deadline_late_extension(er_date completion, int months, er_date final);

/**
 * Whether a late measure fits in its supplier's automatic late extension
 * allowance: `late` measures notified late under the extension, counting
 * this one, out of `completed` measures the supplier completed in the same
 * calendar month, counting this one, must be at most `percent` per cent
 * (ECO4 Order art. 44(2)(c): the share "is less than or equal to 0.05").
 * So with 5% the allowance is floor(completed / 20): 19 measures allow
 * none late, 20 allow one.  False for negative counts or no completions.
 */
bool er_deadline_late_fits(long completed, long late, int percent);

#ifdef __cplusplus
}
#endif
#endif
