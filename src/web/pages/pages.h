/* web/pages/pages.h — every page handler; web/routes.c lists who may call each. */
#ifndef IPS_WEB_PAGES_H
#define IPS_WEB_PAGES_H
#include "web/request.h"

int page_home(struct request *rq);
int page_healthz(struct request *rq);
int page_asset(struct request *rq);
int page_sign_in_form(struct request *rq);
int page_sign_in(struct request *rq);
int page_sign_out(struct request *rq);
int page_refer_form(struct request *rq);
int page_refer_submit(struct request *rq);
int page_refer_done(struct request *rq);

int page_referral_new(struct request *rq);
int page_referral_create(struct request *rq);
int page_inbox(struct request *rq);
int page_referral_allocate(struct request *rq);
int page_referral_allocate_form(struct request *rq);
int page_referral_move(struct request *rq);
int page_referral_close(struct request *rq);
int page_referral_next_step(struct request *rq);

/* "/people/ID" followed by suffix (NULL: none), in the request's arena. */
const char *person_path(struct request *rq, int64_t id, const char *suffix);
int page_people(struct request *rq);
int page_person(struct request *rq);
int page_person_edit(struct request *rq);
int page_person_update(struct request *rq);
int page_profile_edit(struct request *rq);
int page_profile_update(struct request *rq);
int page_contact_new(struct request *rq);
int page_contact_create(struct request *rq);
/* Subject access (web/pages/subject.c). */
int page_subject_access(struct request *rq);
int page_subject_access_json(struct request *rq);

int page_employers(struct request *rq);
int page_employer_new(struct request *rq);
int page_employer_create(struct request *rq);
int page_employer(struct request *rq);
int page_employer_edit(struct request *rq);
int page_employer_update(struct request *rq);
int page_employer_contact_new(struct request *rq);
int page_employer_contact_create(struct request *rq);

/* Vacancies and matching (web/pages/vacancies.c), issue 3. */
int page_vacancies(struct request *rq);
int page_vacancy_new(struct request *rq);
int page_vacancy_create(struct request *rq);
int page_vacancy(struct request *rq);
int page_vacancy_edit(struct request *rq);
int page_vacancy_update(struct request *rq);
int page_person_matches(struct request *rq);
/* Every value posted for a field (checkboxes), comma-separated, or NULL. */
const char *form_list(struct request *rq, const char *name);
/* Checkboxes for core/matching.h's conditions; stored: the saved comma-separated codes. */
void conditions_checkboxes(struct request *rq, const char *name, const char *legend, const char *hint,
			   const char *stored, const struct result *r);
/* The labels of comma-separated condition codes, or NULL for none. */
const char *conditions_text(struct request *rq, const char *csv);

int page_job_new(struct request *rq);
int page_job_create(struct request *rq);
int page_job_end_form(struct request *rq);
int page_job_end(struct request *rq);
/* The "Work" section of a person's record (web/pages/jobs.c). */
void person_work_section(struct request *rq, int64_t client_id, bool may_edit);

int page_caseload(struct request *rq);
int page_caseload_of(struct request *rq);
int page_handover(struct request *rq);

int page_audit(struct request *rq);
/* The admin's CSV import (web/pages/admin.c). */
int page_admin_import_form(struct request *rq);
int page_admin_import(struct request *rq);
/* Erasure after the retention period (web/pages/erasure.c): a date, a preview, a confirm. */
int page_admin_erasure_form(struct request *rq);
int page_admin_erasure(struct request *rq);

/* web/api.c */
int api_report_outcomes(struct request *rq);
int api_openapi(struct request *rq);
int api_people(struct request *rq);
int api_person(struct request *rq);
int api_person_contacts(struct request *rq);
int api_person_contact_create(struct request *rq);
int api_person_jobs(struct request *rq);
int api_referrals(struct request *rq);
int api_employers(struct request *rq);
int api_vacancies(struct request *rq);   /* issue 3 */
int api_vacancy(struct request *rq);
int api_deletions(struct request *rq);   /* deletion markers for sync (issue 6) */
/* the API's writes (issue 6): JSON bodies through the web forms' use cases */
int api_person_create(struct request *rq);
int api_person_update(struct request *rq);
int api_employer_create(struct request *rq);
int api_employer_update(struct request *rq);
int api_vacancy_create(struct request *rq);
int api_vacancy_update(struct request *rq);
int api_person_job_create(struct request *rq);
int api_person_job_end(struct request *rq);
int api_referral_allocate(struct request *rq);
int api_referral_close(struct request *rq);
int api_referral_next_step(struct request *rq);
int api_profile_update(struct request *rq);
int api_person_applications(struct request *rq);
int api_person_application_create(struct request *rq);
int api_person_application_update(struct request *rq);

/* An account's own API tokens (web/pages/tokens.c). */
int page_tokens(struct request *rq);
int page_token_create(struct request *rq);
int page_token_revoke(struct request *rq);
int page_overview(struct request *rq);

/* web/pages/dashboard.c */
int page_dashboard(struct request *rq);
int page_dashboard_csv(struct request *rq);
int page_dashboard_xlsx(struct request *rq);

/* Job search and in-work support (web/pages/support.c; issue 3). */
int page_application_new(struct request *rq);
int page_application_create(struct request *rq);
int page_application_edit(struct request *rq);
int page_application_update(struct request *rq);
int page_support_due(struct request *rq);
/* The "Job search" section of a person's record. */
void person_job_search_section(struct request *rq, int64_t client_id, bool may_edit);
/* A job's in-work support items (rows: the person's, from app_support_of_client). */
struct support_row;
void person_job_support(struct request *rq, const struct support_row *rows, size_t n, int64_t job_id);
/* Due and overdue items as tables: one, or one per specialist. */
void support_due_table(struct request *rq, const struct support_row *rows, size_t n, bool by_specialist);

/* Benefits advice, the better-off-in-work calculator, benefit rates and the CV
 * (web/pages/benefits.c; issue 3). */
int page_benefits_advice_new(struct request *rq);
int page_benefits_advice_create(struct request *rq);
int page_better_off(struct request *rq);
int page_benefit_rates(struct request *rq);
int page_benefit_rates_create(struct request *rq);
int page_cv(struct request *rq);
int page_cv_save(struct request *rq);
int page_cv_print(struct request *rq);
/* The "Benefits advice" section of a person's record. */
void person_benefits_section(struct request *rq, int64_t client_id, bool may_edit);

/* Fidelity reviews and the fidelity scale (web/pages/fidelity.c, issue 5). */
int page_fidelity(struct request *rq);
int page_fidelity_scale(struct request *rq);
int page_review_new(struct request *rq);
int page_review_create(struct request *rq);
int page_review(struct request *rq);
int page_review_edit(struct request *rq);
int page_review_update(struct request *rq);
int page_review_sign_off(struct request *rq);
int page_review_copy(struct request *rq);
int page_review_print(struct request *rq);
/* The measurable items week by week and the history of review totals, as charts with
 * their tables (web/pages/fidelity.c). */
int page_fidelity_dashboard(struct request *rq);
int page_admin_scale_form(struct request *rq);
int page_admin_scale_load(struct request *rq);
/* Evidence from the records for the measurable items, and the records behind each
 * (web/pages/fidelity_evidence.c, issue 5). */
int page_fidelity_evidence(struct request *rq);
int page_fidelity_evidence_item(struct request *rq);

/* Reads a person's record for a page that changes it: false when the reply (404, or
 * 403 for a reader who may not change it) has been written (web/pages/people.c). */
struct client_record;
bool person_load_editable(struct request *rq, int64_t id, struct client_record *rec);

/* Shared by the staff and public referral forms (web/pages/referrals.c). */
void referral_identity_fields(struct request *rq, const struct result *r, bool self);
void referral_form_read(struct request *rq, struct referral_form *f);

#endif
