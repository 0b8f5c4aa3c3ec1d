/* web/api.c — the JSON API under /api/v1/: handlers translate query strings and
 * bodies into use-case calls and answer JSON (errors too, through result_reply and
 * page_error). Permissions are in web/routes.c like every other route; scope is
 * decided in app/. Never HTML here. */
#include <string.h>
#include "web/pages/pages.h"
#include "web/html.h"
#include "core/outcomes.h"
#include "util/arena.h"

/* GET /api/v1/reports/outcomes?from=&to=[&site=|&team=|&specialist=][&format=json|csv] */
int api_report_outcomes(struct request *rq)
{
	const char *format = query_text(rq, "format");
	if (format && strcmp(format, "json") != 0 && strcmp(format, "csv") != 0)
		return page_error(rq, 400, "format must be json or csv");
	struct report_query q = {query_text(rq, "from"), query_text(rq, "to"), query_text(rq, "site"),
				 query_text(rq, "team"), query_text(rq, "specialist")};
	struct outcome_report rep;
	struct result r = app_report_outcomes(&rq->app, &rq->who, &q, &rep);
	if (result_reply(rq, &r) == 0)
		return 0;
	buf_reset(&rq->body);
	if (format && strcmp(format, "csv") == 0) {
		rq->mime = "text/csv; charset=utf-8";
		outcomes_csv(&rep, &rq->body);
	} else {
		rq->mime = "application/json";
		outcomes_json(&rep, &rq->body);
	}
	return 0;
}
