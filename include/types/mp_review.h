/* mp_review.h — the review of a round's applications (issue 16): reviewers
 * (评审专家) and their scores per criterion, resident votes (居民投票, in
 * a 微创投 round) and objections to the public notice (公示异议) with their
 * outcome.  The ranking built on them is mp_ranking.h; the notice
 * mp_notice.h. */
#ifndef MP_REVIEW_H
#define MP_REVIEW_H

#include <stdint.h>
#include "mp_record.h"
#include "mp_workdays.h"

/* 评审专家, SQL "reviewers": an expert, with the unit they work for.  A
 * reviewer who is also a volunteer on the register names that record, so
 * that a group they belong to is known (mp_review_conflict). */
enum mp_reviewer_field {
	RV_NAME, RV_UNIT, RV_FIELD /* 专业领域 */, RV_PHONE,
	RV_VOLUNTEER /* ref volunteers, optional */, RV_NOTES,
	RV__COUNT
};

/* 评分, SQL "review_scores": one reviewer's score (0-100, MP_K_SCORE) of
 * one criterion of an application; one a reviewer, criterion and
 * application. */
enum mp_score_field {
	SC_APP, SC_REVIEWER, SC_CRITERION /* ref round_criteria */, SC_SCORE,
	SC_DATE, SC_COMMENT,
	SC__COUNT
};

/* 居民投票, SQL "resident_votes": the votes an application got at one
 * vote (a pitch, 路演, or a ballot), in a round that uses them. */
enum mp_vote_field {
	VT_APP, VT_DATE, VT_VOTES, VT_OCCASION, VT_NOTES,
	VT__COUNT
};

/* 公示异议, SQL "objections": an objection received during the public
 * notice of an application, and what came of it. */
enum mp_objection_field {
	OB_APP, OB_DATE /* 收到日期 */, OB_FROM /* 异议人 */, OB_CONTACT,
	OB_CONTENT, OB_OUTCOME /* MP_CH_OBJECTION_OUTCOME */,
	OB_DONE_DATE /* 办结日期 */, OB_REPLY /* 处理情况 */,
	OB__COUNT
};
#define MP_OBJECTION_OPEN "处理中"

extern const mp_table mp_reviewers;
extern const mp_table mp_review_scores;
extern const mp_table mp_resident_votes;
extern const mp_table mp_objections;

/* Whether reviewer_id may not review application app_id because they
 * belong to its applicant group: a member of it (their volunteer record's
 * membership) or working for it (their unit is the group's name or short
 * name).  MP_OK when they may; MP_EINVAL with e saying why (field
 * SC_REVIEWER) when they may not.  A reviewer who only has the name of
 * its leader is asked about (the score's warning), as names repeat. */
int mp_review_conflict(mp_db *db, int64_t reviewer_id, int64_t app_id,
                       mp_err *e);

/* The public notice's period of the round's applications: from the day
 * the first of them went into public notice (公示中), the round's notice
 * days long (5 when it names none), in the working days of cal (NULL: the
 * built-in calendar; mp_workdays.h).  MP_ENOTFOUND when none has been
 * published. */
int mp_round_notice_period(mp_db *db, const mp_calendar *cal, int64_t round_id,
                           char start[11], char end[11], int *days, mp_err *e);

/* The guard of 已评审 (mp_workflow.h): the experts have scored it — at
 * least one reviewer, and each reviewer who scored it has scored every
 * criterion of its round, since a weighted total over half the criteria
 * would rank it wrongly.  How many reviewers is the round's matter (a
 * 微创投 may have one), so it is not asked.  Unmet, it offers the missing
 * score (the reviewer and criterion preset). */
#include "mp_workflow.h"
extern const mp_wf_guard mp_guard_reviewed;

#endif
