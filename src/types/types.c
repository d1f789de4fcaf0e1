/* types.c — the built-in record types, one line each: the registry
 * (src/record/registry.c) reads this list.
 *
 * Adding a record type: its own file declares its mp_table; one line
 * below names it, after the types it refers to. */
#include "config.h"

#include "mp_activity.h"
#include "mp_bases.h"
#include "mp_funding.h"
#include "mp_group.h"
#include "mp_project.h"
#include "mp_registry.h"
#include "mp_review.h"
#include "mp_stages.h"
#include "mp_training.h"
#include "mp_visit.h"
#include "mp_volunteer.h"

const mp_table *const mp_builtin_types[] = {
	&mp_groups,
	&mp_volunteers,
	&mp_activities,
	&mp_hours,
	&mp_memberships,
	&mp_trainings,
	&mp_training_groups,
	&mp_training_people,
	&mp_visits,
	/* issue 16, branch projects: 公益创投 rounds and applications */
	&mp_rounds,
	&mp_round_funds,
	&mp_round_criteria,
	&mp_round_tranches,
	&mp_needs,
	&mp_applications,
	&mp_app_budget,
	&mp_app_team,
	&mp_app_states,
	/* issue 16, branch funding: agreements, money, evaluations */
	&mp_agreements,
	&mp_payments,
	&mp_expenditures,
	&mp_reclaims,
	&mp_evaluations,
	&mp_evaluation_scores,
	&mp_project_activities,
	&mp_project_groups,
	/* issue 16, branch review: reviewers, scores, votes, objections */
	&mp_reviewers,
	&mp_review_scores,
	&mp_resident_votes,
	&mp_objections,
	/* issue 17: a group's stage history; incubation bases, stays and
	 * services */
	&mp_stage_history,
	&mp_bases,
	&mp_stays,
	&mp_base_services,
};
const int mp_nbuiltin_types = sizeof mp_builtin_types / sizeof mp_builtin_types[0];
