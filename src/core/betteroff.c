/* core/betteroff.c — the better-off-in-work calculation (core/betteroff.h). Exact
 * integer arithmetic in pence, one rounding per line, every step written out so the
 * printed summary can be checked by hand. Never holds a rate itself: every rate comes
 * from the dated row it is given. */
#include <stdio.h>
#include <string.h>
#include "core/betteroff.h"
#include "core/validate.h"

int bo_rates_in_force(const struct bo_rates *rows, size_t n, const char *on)
{
	int best = -1;
	for (size_t i = 0; i < n; i++) {
		if (!rows[i].applies_from || strcmp(rows[i].applies_from, on) > 0)
			continue;
		if (best < 0 || strcmp(rows[i].applies_from, rows[best].applies_from) > 0)
			best = (int)i;
	}
	return best;
}

/* num / den rounded to the nearest integer, halves up; num >= 0, den > 0. */
static int64_t div_round(int64_t num, int64_t den)
{
	return (num + den / 2) / den;
}

void bo_money(int64_t pence, char *out)
{
	char digits[24];
	bool neg = pence < 0;
	unsigned long long v = neg ? (unsigned long long)(-(pence + 1)) + 1 : (unsigned long long)pence;
	snprintf(digits, sizeof digits, "%llu", v / 100);
	size_t len = strlen(digits), o = 0;
	if (neg)
		o += (size_t)snprintf(out, 32, "-");
	out[o++] = '\xc2';   /* £ in UTF-8 */
	out[o++] = '\xa3';
	for (size_t i = 0; i < len; i++) {
		if (i && (len - i) % 3 == 0)
			out[o++] = ',';
		out[o++] = digits[i];
	}
	snprintf(out + o, 32 - o, ".%02llu", v % 100);
}

/* 5500 -> "55%", 1325 -> "13.25%" (out: 32 bytes). */
static void percent(int64_t bp, char *out)
{
	char s[24];
	format_hundredths(bp, s);
	snprintf(out, 32, "%s%%", s);
}

static struct bo_line *line(struct bo_result *r, const char *label, int64_t pence)
{
	struct bo_line *l = &r->lines[r->nlines < BO_MAX_LINES ? r->nlines++ : BO_MAX_LINES - 1];
	snprintf(l->label, sizeof l->label, "%s", label);
	l->pence = pence;
	l->working[0] = 0;
	return l;
}

/* The part of a month's pay above a yearly threshold, taxed at rate_bp: exactly
 * rate × max(0, 12 × monthly − yearly) ÷ 12, rounded once. */
static int64_t above_threshold(int64_t monthly, int64_t yearly, int64_t rate_bp)
{
	int64_t over12 = 12 * monthly - yearly;
	return over12 <= 0 ? 0 : div_round(over12 * rate_bp, 12 * 10000);
}

void bo_calculate(const struct bo_rates *rt, const struct bo_situation *in, struct bo_result *out)
{
	memset(out, 0, sizeof *out);
	char a[32], b[32], c[32], d[32], e[32], p[32], h[24], lim[24];
	struct bo_line *l;

	/* pay: hourly × hours × 52 ÷ 12, hours in hundredths */
	out->gross_monthly = div_round(in->hourly_pay * in->hours * 52, 12 * 100);
	out->weekly_earnings = div_round(in->hourly_pay * in->hours, 100);
	bo_money(in->hourly_pay, a);
	format_hundredths(in->hours, h);
	bo_money(out->gross_monthly, b);
	l = line(out, "Pay before tax, a month", out->gross_monthly);
	snprintf(l->working, sizeof l->working, "%s an hour × %s hours a week × 52 weeks ÷ 12 months = %s", a, h, b);

	/* Income Tax and National Insurance: monthly thresholds are the yearly ones ÷ 12 */
	int64_t tax_month = div_round(rt->tax_allowance, 12);   /* shown only: the sum is exact */
	out->tax = above_threshold(out->gross_monthly, rt->tax_allowance, rt->tax_rate_bp);
	bo_money(tax_month, c);
	bo_money(rt->tax_allowance, d);
	percent(rt->tax_rate_bp, p);
	l = line(out, "Income Tax, a month", out->tax);
	if (out->tax == 0 && 12 * out->gross_monthly <= rt->tax_allowance)
		snprintf(l->working, sizeof l->working,
			 "%s is not above the monthly personal allowance of %s (%s a year ÷ 12): no tax", b, c, d);
	else {
		bo_money(out->tax, e);
		snprintf(l->working, sizeof l->working, "%s × (%s − %s, the personal allowance of %s a year ÷ 12) = %s",
			 p, b, c, d, e);
	}
	int64_t ni_month = div_round(rt->ni_threshold, 12);
	out->ni = above_threshold(out->gross_monthly, rt->ni_threshold, rt->ni_rate_bp);
	bo_money(ni_month, c);
	bo_money(rt->ni_threshold, d);
	percent(rt->ni_rate_bp, p);
	l = line(out, "National Insurance, a month", out->ni);
	if (out->ni == 0 && 12 * out->gross_monthly <= rt->ni_threshold)
		snprintf(l->working, sizeof l->working,
			 "%s is not above the monthly primary threshold of %s (%s a year ÷ 12): none to pay", b, c, d);
	else {
		bo_money(out->ni, e);
		snprintf(l->working, sizeof l->working, "%s × (%s − %s, the primary threshold of %s a year ÷ 12) = %s",
			 p, b, c, d, e);
	}
	out->net = out->gross_monthly - out->tax - out->ni;
	bo_money(out->tax, c);
	bo_money(out->ni, d);
	bo_money(out->net, e);
	l = line(out, "Take-home pay, a month", out->net);
	snprintf(l->working, sizeof l->working, "%s − %s tax − %s National Insurance = %s", b, c, d, e);

	/* Universal Credit: the taper on take-home pay above any work allowance */
	if (in->uc_award > 0) {
		out->work_allowance = !in->work_allowance ? 0 : in->housing_costs ? rt->uc_wa_housing : rt->uc_wa_no_housing;
		bo_money(out->work_allowance, a);
		l = line(out, "Work allowance, a month", out->work_allowance);
		if (!in->work_allowance)
			snprintf(l->working, sizeof l->working,
				 "None: the work allowance is only for people with a child or limited capability for work");
		else
			snprintf(l->working, sizeof l->working, "%s, the work allowance for someone whose Universal "
				 "Credit %s housing costs", a, in->housing_costs ? "includes" : "does not include");
		int64_t over = out->net - out->work_allowance;
		out->uc_reduction = over <= 0 ? 0 : div_round(over * rt->uc_taper_bp, 10000);
		percent(rt->uc_taper_bp, p);
		bo_money(out->uc_reduction, b);
		l = line(out, "Universal Credit reduction, a month", out->uc_reduction);
		if (over <= 0)
			snprintf(l->working, sizeof l->working, "Take-home pay of %s is not above the work allowance "
				 "of %s: no reduction", e, a);
		else
			snprintf(l->working, sizeof l->working, "%s taper × (%s take-home pay − %s work allowance) = %s",
				 p, e, a, b);
		out->uc_after = in->uc_award > out->uc_reduction ? in->uc_award - out->uc_reduction : 0;
		bo_money(in->uc_award, c);
		bo_money(out->uc_after, d);
		l = line(out, "Universal Credit in work, a month", out->uc_after);
		if (in->uc_award > out->uc_reduction)
			snprintf(l->working, sizeof l->working, "%s award − %s reduction = %s", c, b, d);
		else
			snprintf(l->working, sizeof l->working, "The reduction of %s is as much as the award of %s: "
				 "Universal Credit would stop (%s)", b, c, d);
	}

	/* ESA permitted work: hours under the limit and earnings up to the weekly limit */
	if (in->on_esa) {
		out->esa_out = div_round(in->esa_weekly * 52, 12);
		bo_money(in->esa_weekly, a);
		bo_money(out->esa_out, b);
		l = line(out, "ESA out of work, a month", out->esa_out);
		snprintf(l->working, sizeof l->working, "%s a week × 52 weeks ÷ 12 months = %s", a, b);
		format_hundredths(rt->esa_hours_limit, lim);
		bo_money(rt->esa_weekly_limit, c);
		bo_money(out->weekly_earnings, d);
		bool hours_ok = in->hours < rt->esa_hours_limit;
		bool pay_ok = out->weekly_earnings <= rt->esa_weekly_limit;
		out->esa_kept = hours_ok && pay_ok;
		if (out->esa_kept)
			snprintf(out->esa_reason, sizeof out->esa_reason, "ESA is kept as permitted work: %s hours a week "
				 "is under %s, and pay of %s a week is within the %s limit", h, lim, d, c);
		else if (!hours_ok && !pay_ok)
			snprintf(out->esa_reason, sizeof out->esa_reason, "ESA would stop: %s hours a week is not under "
				 "the %s-hour limit for permitted work, and pay of %s a week is over the %s limit", h, lim, d, c);
		else if (!hours_ok)
			snprintf(out->esa_reason, sizeof out->esa_reason, "ESA would stop: %s hours a week is not under "
				 "the %s-hour limit for permitted work", h, lim);
		else {
			char hourly[32];
			bo_money(in->hourly_pay, hourly);
			snprintf(out->esa_reason, sizeof out->esa_reason, "ESA would stop: pay of %s a week (%s an hour × "
				 "%s hours) is over the %s permitted work limit", d, hourly, h, c);
		}
		out->esa_in = out->esa_kept ? out->esa_out : 0;
		l = line(out, "ESA in work, a month", out->esa_in);
		snprintf(l->working, sizeof l->working, "%s", out->esa_reason);
	}

	/* the totals */
	out->income_out = in->uc_award + out->esa_out;
	out->income_in = out->net + out->uc_after + out->esa_in;
	out->better_off = out->income_in - out->income_out;
	bo_money(in->uc_award, a);
	bo_money(out->esa_out, b);
	bo_money(out->income_out, c);
	l = line(out, "Income out of work, a month", out->income_out);
	snprintf(l->working, sizeof l->working, "%s Universal Credit + %s ESA = %s", a, b, c);
	bo_money(out->net, a);
	bo_money(out->uc_after, b);
	bo_money(out->esa_in, d);
	bo_money(out->income_in, e);
	l = line(out, "Income in work, a month", out->income_in);
	snprintf(l->working, sizeof l->working, "%s take-home pay + %s Universal Credit + %s ESA = %s", a, b, d, e);
	bo_money(out->better_off < 0 ? -out->better_off : out->better_off, a);
	l = line(out, out->better_off < 0 ? "Worse off in work, a month" : "Better off in work, a month",
		 out->better_off);
	snprintf(l->working, sizeof l->working, "%s in work − %s out of work = %s%s", e, c,
		 out->better_off < 0 ? "-" : "", a);
}
