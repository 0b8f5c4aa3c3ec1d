/* web/routes.c — every page ipsdesk serves. Nothing is reachable unless it is listed
 * here, and nothing is listed without the roles allowed to use it: the router refuses
 * any other role before the handler runs, and tests/http walks this table for every
 * role. app/ then decides scope (which site's, which team's records). */
#include "web/router.h"
#include "web/pages/pages.h"

#define CASEWORK (ROLE_SPECIALIST | ROLE_TEAM_LEADER)
#define RECORDS (ROLE_SPECIALIST | ROLE_TEAM_LEADER | ROLE_CLINICIAN | ROLE_ADMIN)
/* fidelity reviews: reviewers see the sites assigned to them, team leaders their own site's
 * (scope_fidelity_site, app/fidelity.c) */
#define FIDELITY (ROLE_REVIEWER | ROLE_TEAM_LEADER | ROLE_ADMIN)

const struct route routes[] = {
	/* method  path                                     roles                                  handler
	 * (UPLOAD: a POST of multipart/form-data with files, bodies up to MAX_UPLOAD) */
	{GET,  "/",                                         ROLE_ANYONE,                           page_home},
	{GET,  "/healthz",                                  ROLE_ANYONE,                           page_healthz},
	{GET,  "/assets/:name",                             ROLE_ANYONE,                           page_asset},
	{GET,  "/assets/images/:name",                      ROLE_ANYONE,                           page_asset},
	{GET,  "/sign-in",                                  ROLE_ANYONE,                           page_sign_in_form},
	{POST, "/sign-in",                                  ROLE_ANYONE,                           page_sign_in},
	{POST, "/sign-out",                                 ROLE_SIGNED_IN,                        page_sign_out},
	{GET,  "/refer",                                    ROLE_ANYONE,                           page_refer_form},
	{POST, "/refer",                                    ROLE_ANYONE,                           page_refer_submit},
	{GET,  "/refer/done",                               ROLE_ANYONE,                           page_refer_done},

	{GET,  "/referrals",                                ROLE_TEAM_LEADER | ROLE_ADMIN,         page_inbox},
	{GET,  "/referrals/new",                            CASEWORK | ROLE_CLINICIAN,             page_referral_new},
	{POST, "/referrals",                                CASEWORK | ROLE_CLINICIAN,             page_referral_create},
	{GET,  "/referrals/:id/allocate",                   ROLE_TEAM_LEADER,                      page_referral_allocate_form},
	{POST, "/referrals/:id/allocate",                   ROLE_TEAM_LEADER,                      page_referral_allocate},
	{POST, "/referrals/:id/move",                       ROLE_TEAM_LEADER,                      page_referral_move},

	{GET,  "/people",                                   RECORDS,                               page_people},
	{GET,  "/people/:id",                               RECORDS,                               page_person},
	{GET,  "/people/:id/edit",                          CASEWORK,                              page_person_edit},
	{POST, "/people/:id/edit",                          CASEWORK,                              page_person_update},
	{GET,  "/people/:id/profile",                       CASEWORK,                              page_profile_edit},
	{POST, "/people/:id/profile",                       CASEWORK,                              page_profile_update},
	{GET,  "/people/:id/contacts/new",                  CASEWORK,                              page_contact_new},
	{POST, "/people/:id/contacts",                      CASEWORK,                              page_contact_create},
	{POST, "/people/:id/referrals/:rid/close",          CASEWORK,                              page_referral_close},
	{POST, "/people/:id/referrals/:rid/next-step",      CASEWORK,                              page_referral_next_step},
	{GET,  "/people/:id/jobs/new",                      CASEWORK,                              page_job_new},
	{POST, "/people/:id/jobs",                          CASEWORK,                              page_job_create},
	{GET,  "/people/:id/jobs/:jid/end",                 CASEWORK,                              page_job_end_form},
	{POST, "/people/:id/jobs/:jid/end",                 CASEWORK,                              page_job_end},
	/* job search and in-work support (issue 3) */
	{GET,  "/people/:id/applications/new",              CASEWORK,                              page_application_new},
	{POST, "/people/:id/applications",                  CASEWORK,                              page_application_create},
	{GET,  "/people/:id/applications/:aid",             CASEWORK,                              page_application_edit},
	{POST, "/people/:id/applications/:aid",             CASEWORK,                              page_application_update},
	{GET,  "/support",                                  CASEWORK,                              page_support_due},
	/* benefits advice, the better-off-in-work calculator and the CV (issue 3) */
	{GET,  "/people/:id/benefits-advice/new",           CASEWORK,                              page_benefits_advice_new},
	{POST, "/people/:id/benefits-advice",               CASEWORK,                              page_benefits_advice_create},
	{GET,  "/people/:id/better-off",                    CASEWORK,                              page_better_off},
	{POST, "/people/:id/better-off",                    CASEWORK,                              page_better_off},   /* figures in the body, not the address */
	{GET,  "/people/:id/cv",                            CASEWORK,                              page_cv},
	{POST, "/people/:id/cv",                            CASEWORK,                              page_cv_save},
	{GET,  "/people/:id/cv/print",                      CASEWORK,                              page_cv_print},
	{GET,  "/people/:id/subject-access",                ROLE_TEAM_LEADER | ROLE_ADMIN,         page_subject_access},
	{GET,  "/people/:id/subject-access.json",           ROLE_TEAM_LEADER | ROLE_ADMIN,         page_subject_access_json},

	{GET,  "/employers",                                CASEWORK,                              page_employers},
	{GET,  "/employers/new",                            CASEWORK,                              page_employer_new},
	{POST, "/employers",                                CASEWORK,                              page_employer_create},
	{GET,  "/employers/:id",                            CASEWORK,                              page_employer},
	{GET,  "/employers/:id/edit",                       CASEWORK,                              page_employer_edit},
	{POST, "/employers/:id/edit",                       CASEWORK,                              page_employer_update},
	{GET,  "/employers/:id/contacts/new",               CASEWORK,                              page_employer_contact_new},
	{POST, "/employers/:id/contacts",                   CASEWORK,                              page_employer_contact_create},

	/* vacancies and matching (issue 3) */
	{GET,  "/vacancies",                                CASEWORK,                              page_vacancies},
	{GET,  "/vacancies/new",                            CASEWORK,                              page_vacancy_new},
	{POST, "/vacancies",                                CASEWORK,                              page_vacancy_create},
	{GET,  "/vacancies/:id",                            CASEWORK,                              page_vacancy},
	{GET,  "/vacancies/:id/edit",                       CASEWORK,                              page_vacancy_edit},
	{POST, "/vacancies/:id/edit",                       CASEWORK,                              page_vacancy_update},
	{GET,  "/people/:id/matches",                       CASEWORK,                              page_person_matches},

	{GET,  "/caseload",                                 CASEWORK,                              page_caseload},
	{GET,  "/caseload/:id",                             ROLE_TEAM_LEADER,                      page_caseload_of},
	{POST, "/caseload/:id/handover",                    ROLE_TEAM_LEADER,                      page_handover},

	/* fidelity reviews (issue 5): never a person's record; reviewers stay out of /people */
	{GET,  "/fidelity",                                 FIDELITY,                              page_fidelity},
	{GET,  "/fidelity/scale",                           FIDELITY,                              page_fidelity_scale},
	{GET,  "/fidelity/reviews/new",                     FIDELITY,                              page_review_new},
	{POST, "/fidelity/reviews",                         FIDELITY,                              page_review_create},
	{GET,  "/fidelity/reviews/:id",                     FIDELITY,                              page_review},
	{GET,  "/fidelity/reviews/:id/edit",                FIDELITY,                              page_review_edit},
	{POST, "/fidelity/reviews/:id/edit",                FIDELITY,                              page_review_update},
	{POST, "/fidelity/reviews/:id/sign-off",            ROLE_TEAM_LEADER | ROLE_ADMIN,         page_review_sign_off},
	{POST, "/fidelity/reviews/:id/copy",                FIDELITY,                              page_review_copy},
	{GET,  "/fidelity/reviews/:id/print",               FIDELITY,                              page_review_print},
	{GET,  "/fidelity/dashboard",                       FIDELITY,                              page_fidelity_dashboard},
	/* the evidence from the records and the records behind each figure (audited) */
	{GET,  "/fidelity/evidence",                        FIDELITY,                              page_fidelity_evidence},
	{GET,  "/fidelity/evidence/:item",                  FIDELITY,                              page_fidelity_evidence_item},
	{GET,  "/admin/fidelity-scale",                     ROLE_ADMIN,                            page_admin_scale_form},
	{POST, "/admin/fidelity-scale",                     ROLE_ADMIN,                            page_admin_scale_load},

	{GET,  "/audit",                                    ROLE_AUDITOR | ROLE_ADMIN,             page_audit},
	{GET,  "/admin/import",                             ROLE_ADMIN,                            page_admin_import_form},
	{UPLOAD, "/admin/import",                           ROLE_ADMIN,                            page_admin_import},
	{GET,  "/admin/benefit-rates",                      ROLE_ADMIN,                            page_benefit_rates},   /* issue 3 */
	{POST, "/admin/benefit-rates",                      ROLE_ADMIN,                            page_benefit_rates_create},
	{GET,  "/admin/erasure",                            ROLE_ADMIN,                            page_admin_erasure_form},   /* issue 6 */
	{POST, "/admin/erasure",                            ROLE_ADMIN,                            page_admin_erasure},
	{GET,  "/account/tokens",                           ROLE_SIGNED_IN,                        page_tokens},
	{POST, "/account/tokens",                           ROLE_SIGNED_IN,                        page_token_create},
	{POST, "/account/tokens/:id/revoke",                ROLE_SIGNED_IN,                        page_token_revoke},

	/* the JSON API: a bearer token or a session; docs/openapi.json lists every /api/v1 row.
	 * Writes (POST, PATCH) need a bearer token and have the roles of the web form they
	 * mirror, named at the end of each row. */
	{GET,  "/api/v1/openapi.json",                      ROLE_ANYONE,                           api_openapi},
	{GET,  "/api/v1/people",                            RECORDS,                               api_people},
	{POST, "/api/v1/people",                            CASEWORK | ROLE_CLINICIAN,             api_person_create},           /* POST /referrals */
	{GET,  "/api/v1/people/:id",                        RECORDS,                               api_person},
	{PATCH, "/api/v1/people/:id",                       CASEWORK,                              api_person_update},           /* POST /people/:id/edit */
	{PATCH, "/api/v1/people/:id/profile",               CASEWORK,                              api_profile_update},          /* POST /people/:id/profile */
	{GET,  "/api/v1/people/:id/contacts",               RECORDS,                               api_person_contacts},
	{POST, "/api/v1/people/:id/contacts",               CASEWORK,                              api_person_contact_create},   /* POST /people/:id/contacts */
	{GET,  "/api/v1/people/:id/jobs",                   RECORDS,                               api_person_jobs},
	{POST, "/api/v1/people/:id/jobs",                   CASEWORK,                              api_person_job_create},       /* POST /people/:id/jobs */
	{POST, "/api/v1/people/:id/jobs/:jid/end",          CASEWORK,                              api_person_job_end},          /* POST /people/:id/jobs/:jid/end */
	{GET,  "/api/v1/people/:id/applications",           RECORDS,                               api_person_applications},
	{POST, "/api/v1/people/:id/applications",           CASEWORK,                              api_person_application_create}, /* POST /people/:id/applications */
	{PATCH, "/api/v1/people/:id/applications/:aid",     CASEWORK,                              api_person_application_update}, /* POST /people/:id/applications/:aid */
	{GET,  "/api/v1/referrals",                         RECORDS,                               api_referrals},
	{POST, "/api/v1/referrals/:id/allocate",            ROLE_TEAM_LEADER,                      api_referral_allocate},       /* POST /referrals/:id/allocate */
	{POST, "/api/v1/referrals/:id/close",               CASEWORK,                              api_referral_close},          /* POST /people/:id/referrals/:rid/close */
	{POST, "/api/v1/referrals/:id/next-step",           CASEWORK,                              api_referral_next_step},      /* POST /people/:id/referrals/:rid/next-step */
	{GET,  "/api/v1/employers",                         CASEWORK,                              api_employers},
	{POST, "/api/v1/employers",                         CASEWORK,                              api_employer_create},         /* POST /employers */
	{PATCH, "/api/v1/employers/:id",                    CASEWORK,                              api_employer_update},         /* POST /employers/:id/edit */
	{GET,  "/api/v1/vacancies",                         CASEWORK,                              api_vacancies},
	{POST, "/api/v1/vacancies",                         CASEWORK,                              api_vacancy_create},          /* POST /vacancies */
	{GET,  "/api/v1/vacancies/:id",                     CASEWORK,                              api_vacancy},
	{PATCH, "/api/v1/vacancies/:id",                    CASEWORK,                              api_vacancy_update},          /* POST /vacancies/:id/edit */
	{GET,  "/api/v1/deletions",                         RECORDS,                               api_deletions},               /* issue 6: markers for sync */
	{GET,  "/api/v1/reports/outcomes",                  ROLE_TEAM_LEADER | ROLE_SPECIALIST | ROLE_COMMISSIONER | ROLE_REVIEWER | ROLE_ADMIN, api_report_outcomes},
	{GET,  "/overview",                                 ROLE_COMMISSIONER | ROLE_REVIEWER | ROLE_ADMIN | ROLE_TEAM_LEADER, page_overview},
	{GET,  "/dashboard",                                CASEWORK | ROLE_COMMISSIONER | ROLE_REVIEWER | ROLE_ADMIN, page_dashboard},
	{GET,  "/dashboard.csv",                            CASEWORK | ROLE_COMMISSIONER | ROLE_REVIEWER | ROLE_ADMIN, page_dashboard_csv},
	{GET,  "/dashboard.xlsx",                           CASEWORK | ROLE_COMMISSIONER | ROLE_REVIEWER | ROLE_ADMIN, page_dashboard_xlsx},
};

const size_t routes_count = sizeof routes / sizeof routes[0];
