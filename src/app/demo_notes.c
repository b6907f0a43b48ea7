/* What the demo's case notes say: phrases of real casework (housing applications, ID
 * documents, Thinking for a Change, calls home, program attendance, disciplinary reports,
 * PRT, release planning with the supervision agent, medication, the GED), put together into
 * notes of 20 to 80 words. The person's own names, their relatives', their agent's and
 * other staff members' appear in the text, so that searching a name finds notes as it
 * would in a facility; people who speak another language get a few words of it. Which note
 * is sensitive, and how, follows the same draw as its text, so a note tagged "part2" is
 * about substance-use treatment and an open note never is. */
#include "caseload/demo.h"

#include <string.h>

#include "caseload/rng.h"

#define DEMO_NOTE_MIN_WORDS 20
#define DEMO_NOTE_MAX_WORDS 80
#define DEMO_NOTE_MAX_PICKS 8
#define DEMO_NOTE_COUNT(array) (sizeof(array) / sizeof((array)[0]))
#define DEMO_NOTE_LIST(array) array, DEMO_NOTE_COUNT(array)

/* How a note begins: its subject and its first sentence, which say the same thing. */
struct demo_note_start {
	const char *subject;
	const char *opener;
};

/* One kind of note: how it begins, who was there, what it goes on to say and how it may
 * end. Slots in braces are filled from the person and the day (demo_note_slot). */
struct demo_note_kind {
	const char *type;
	const struct demo_note_start *starts;
	size_t start_count;
	const char *const *present;
	size_t present_count;
	const char *const *details;
	size_t detail_count;
	const char *const *closers;
	size_t closer_count;
};

/* ---- contact: the routine caseworker contact, in the office or at the cell front ---- */

static const struct demo_note_start contact_starts[] = {
	{"Monthly contact", "Monthly caseload contact with {name} in the {unit} dayroom office."},
	{"Caseload contact: housing and ID",
	 "Writer met with {title} in the {unit} unit office about housing and ID documents."},
	{"Office visit requested by {first}",
	 "{title} came to the office on a pass to ask about {his} housing application."},
	{"Cell-front check-in on {unit}",
	 "Cell-front contact with {name} on {unit}; brief conversation through the door."},
	{"Follow-up on kite", "Met with {first} {last} after {his} kite asking for a meeting."},
	{"Routine contact and case plan review",
	 "Scheduled contact with {title} to review the case plan goals."},
	{"Quarterly progress check",
	 "Quarterly progress check with {name} for the progress report."},
	{"Contact about visiting list", "{title} asked to add {relative} to the visiting list."},
};
static const char *const contact_present[] = {"{name}", "{name}", "{name}; {author}"};
static const char *const contact_details[] = {
	"{first} asked about the status of {his} birth certificate request; writer confirmed the "
	"Vital Records application was mailed on {day}.",
	"Discussed the state ID application; {first} still needs {his} Social Security card before "
	"DVS will issue it.",
	"{title} reports getting along with {his} cellmate and with staff on the unit.",
	"Reviewed the work assignment in the kitchen; the supervisor reports good attendance.",
	"{first} is on the waiting list for {program} and asked how long the wait is; writer "
	"estimated {n} weeks.",
	"Talked about family contact: {relative} visits most weekends.",
	"{first} wants to apply for the Section 8 housing waiting list in {county} County before "
	"release.",
	"Reminded {him} that property requests go to the property officer, not to the "
	"caseworker.",
	"{title} asked to move to a different unit; writer explained the bed-space process and "
	"the classification review.",
	"Reviewed restitution and the account balance; {n} payments made this quarter.",
	"{first} had questions about good time and the supervised release date; writer printed "
	"the sentence computation.",
	"No new disciplinary reports since the last contact.",
	"Discussed GED progress: {first} passed the math test and is preparing for the reading "
	"test.",
	"{first} presented calm and engaged and asked relevant questions.",
	"{title} appeared tired and said sleep has been poor since the move to {unit}.",
	"Added {relative} to the visiting list after the background check cleared.",
	"{first} asked for help with a housing application for a sober living home in {city}.",
	"Checked the case plan: the education goal is on track, the employment goal not started.",
};
static const char *const contact_closers[] = {
	"Plan: follow up in 30 days or sooner if requested.",
	"Writer will check with records and reply by kite.",
	"Next contact scheduled for next month.",
	"{first} agreed to send a kite if anything changes.",
	"Case plan goals remain the same.",
};

/* ---- interview: intake and the admission summary ---- */

static const struct demo_note_start interview_starts[] = {
	{"Intake interview", "Intake interview with {name} at R&O."},
	{"Admission interview and orientation",
	 "Completed the admission interview and orientation with "
	 "{title}, who was cooperative throughout."},
	{"Social history interview",
	 "Met with {title} for the social history part of the admission summary."},
	{"Needs review interview",
	 "Needs review interview with {first} {last} to start the case plan."},
	{"Initial case plan interview",
	 "Initial case plan interview with {title}: goals, strengths and barriers."},
};
static const char *const interview_present[] = {"{name}", "{name}; {author}"};
static const char *const interview_details[] = {
	"{first} reports finishing tenth grade and wanting to earn a GED.",
	"Work history: construction and warehouse jobs in {city}, most recently through a temp "
	"agency.",
	"{first} named {relative} as the main support person and emergency contact.",
	"Discussed the offense; {first} gave {his} version, which is consistent with the official "
	"account.",
	"Explained the program review process, the kite system and how to reach the caseworker.",
	"{first} asked about work release; explained that it depends on custody level and time "
	"to release.",
	"Reviewed the no-contact order from the sentencing court in {county} County.",
	"Readiness ruler: {first} rated readiness to change at {n} out of 10.",
	"Goals named by {first}: housing, a job, and repairing the relationship with "
	"{relative}.",
	"{first} has {n} children and wants to stay in contact with them while inside.",
	"Identification: no state ID, Social Security card lost; birth certificate in {county} "
	"County.",
};
static const char *const interview_closers[] = {
	"Admission summary to be completed this week.",
	"Will refer to {program} based on the assessed needs.",
	"Orientation handbook given; next contact after classification.",
};

/* ---- counseling ---- */

static const struct demo_note_start counseling_starts[] = {
	{"Counseling after news from home",
	 "{title} asked to speak with writer after learning that "
	 "a family member is in the hospital."},
	{"Individual counseling",
	 "Individual counseling session with {title} about stress on the unit."},
	{"Counseling: conflict on the unit",
	 "Met with {first} to talk through a conflict with a cellmate."},
	{"Counseling: family stress",
	 "{first} {last} requested a counseling session about {his} children."},
	{"Problem-solving session",
	 "Problem-solving session with {title} about a work assignment {first} wants to leave."},
};
static const char *const counseling_present[] = {"{name}"};
static const char *const counseling_details[] = {
	"Used the problem-solving steps from Thinking for a Change to list options and "
	"consequences.",
	"{first} was tearful at times but able to name coping skills that worked before.",
	"Discussed thinking errors; {first} identified blaming others as a pattern.",
	"Talked about how to answer disrespect from another resident without a fight.",
	"{first} said the children are the main reason to stay out of trouble.",
	"Encouraged {him} to write to {relative} rather than wait for a phone call.",
	"Explored motivation for change by listing the pros and cons with {first}.",
	"Offered a referral to the chaplain; {first} accepted.",
	"{title} worries about {relative}, who is raising the kids alone in {city}.",
};
static const char *const counseling_closers[] = {
	"{first} agreed to check in again next week.",
	"No safety concerns expressed; will follow up.",
	"Will see {him} again in two weeks.",
};

/* ---- collateral contact: agents, counties, housing, programs ---- */

static const struct demo_note_start collateral_starts[] = {
	{"Collateral contact with supervision agent",
	 "Spoke with Agent {agent} of {county} County about the release plan for {name}."},
	{"Collateral: program staff",
	 "Collateral contact with {staff} about the program attendance of {name}."},
	{"Call with housing provider",
	 "Called the {city} halfway house intake coordinator about a bed for {name}."},
	{"Contact with {county} County",
	 "Contacted {county} County social services on behalf of {title}."},
	{"Contact with Vital Records",
	 "Called Vital Records about the birth certificate request of {name}."},
};
static const char *const collateral_present[] = {
	"Agent {agent} (phone)", "{staff}", "{county} County social services (phone)",
	"Halfway house intake coordinator (phone)",
};
static const char *const collateral_details[] = {
	"Agent {agent} asked for the proposed address; writer will send it after the family "
	"confirms.",
	"The housing provider has a bed available {n} weeks after the release date.",
	"{staff} reports that {first} completes homework and takes part in group.",
	"County social services confirmed the SNAP application can be filed 30 days before "
	"release.",
	"Confirmed that the Medicaid application has been submitted.",
	"An employer in {city} is willing to interview {first} after release.",
	"Vital Records has not yet received the fee waiver; resent the form.",
	"Agent {agent} will do the home visit at the address of {relative}.",
};
static const char *const collateral_closers[] = {
	"The agent asks for an update two weeks before release.",
	"Outcome recorded in the release plan.",
	"Will inform {first} at the next contact.",
};

/* ---- phone: calls home and legal calls ---- */

static const struct demo_note_start phone_starts[] = {
	{"Family phone call", "Arranged a supervised phone call for {title} with {relative}."},
	{"Call from family",
	 "Received a call from {relative} asking about visiting hours for {name}."},
	{"Legal call arranged",
	 "Set up a legal call for {title} with the public defender's office."},
	{"Emergency phone call",
	 "Emergency call placed for {first} {last} after a message from the chaplain."},
};
static const char *const phone_present[] = {
	"{name}; {kinname} {last} ({kin}, phone)", "{kinname} {last} ({kin}, phone)",
	"{name}; public defender (phone)",
};
static const char *const phone_details[] = {
	"The call lasted 15 minutes; {first} was calm and thanked writer afterward.",
	"Explained the visiting application process and mailed the form to the family.",
	"The family asked whether {first} may attend the funeral; explained the escorted leave "
	"policy.",
	"The legal call with the public defender is set for {day} afternoon.",
	"On the call, {relative} said the family can provide housing in {city} after release.",
	"Explained that writer cannot share details of the case without a signed release of "
	"information.",
	"{first} spoke with the children for the first time in {n} months.",
};
static const char *const phone_closers[] = {
	"Call logged in the phone record.",
	"Will follow up with {first} at the next contact.",
};

/* ---- incident: disciplinary reports and hearings ---- */

static const struct demo_note_start incident_starts[] = {
	{"Disciplinary report: refusing a direct order",
	 "{title} received a disciplinary report for refusing a direct order on {unit}."},
	{"Fight in the dayroom",
	 "Officer {staff} reported an altercation in the {unit} dayroom involving {name}."},
	{"Disciplinary hearing result",
	 "Met with {first} after the hearing on the disciplinary report."},
	{"Contraband found in cell",
	 "Incident report reviewed: {name} was found with contraband during a cell search."},
};
static const char *const incident_present[] = {"{name}", "{name}; Officer {staff}"};
static const char *const incident_details[] = {
	"The hearing officer found {him} guilty and imposed {n} days of loss of privileges.",
	"{n} days of disciplinary confinement were imposed, which extends the supervised release "
	"date.",
	"{first} accepted responsibility and said the argument started over the phone list.",
	"A homemade tattoo gun was found during the cell search and confiscated.",
	"Discussed how the incident affects the custody review and program eligibility.",
	"No injuries were reported; both residents were separated.",
	"{first} denied the allegation and plans to appeal.",
	"Reviewed the incident with {first} using the thinking report from the program.",
};
static const char *const incident_closers[] = {
	"Will review at the next PRT.",
	"Keep-separate alert considered; not needed at this time.",
	"Case plan goal on institutional adjustment updated.",
};

/* ---- program: attendance and progress ---- */

static const struct demo_note_start program_starts[] = {
	{"{program}: attendance",
	 "{title} attended {program} this week and took part in the role play."},
	{"{program} progress", "Progress update on the participation of {first} in {program}."},
	{"Program attendance", "Checked program attendance for {name}."},
	{"Program referral", "Met with {title} about the referral to {program}."},
	{"GED progress", "Education update for {name} from the GED classroom."},
};
static const char *const program_present[] = {
	"{name}", "{name}; facilitator {staff}", "{staff} (education)",
};
static const char *const program_details[] = {
	"Attended every session this month except one, missed for a medical appointment.",
	"In Thinking for a Change lesson {n} the group practiced asking for help and responding "
	"to anger.",
	"The facilitator {staff} reports that {first} completes homework and helps newer "
	"members.",
	"{first} missed two sessions because of a work conflict; writer spoke with the work "
	"supervisor.",
	"GED progress: {first} passed the science test and is studying for social studies.",
	"Completed the Decision Points cycle and received a certificate.",
	"Referred to Vocational Welding; the instructor will interview {him} next week.",
	"Parenting Inside Out: {first} wrote a letter to the children as homework.",
	"Placed on the waiting list for {program}; expected start in {n} weeks.",
	"{first} is {n} sessions away from completing {program}.",
};
static const char *const program_closers[] = {
	"Will update the programming goal of the case plan.",
	"Progress noted toward the education goal.",
	"Attendance to be checked again next month.",
};

/* ---- release planning ---- */

static const struct demo_note_start release_starts[] = {
	{"Release plan review with Agent {agent}",
	 "Release planning meeting with {title} and Agent {agent} by video."},
	{"Release planning",
	 "Worked on the release plan with {first}; {n} months to the supervised release date."},
	{"First 72 hours plan", "Reviewed the first 72 hours plan with {title}."},
	{"Release plan: housing", "Release plan review for {name}, housing first."},
	{"ID and documents for release",
	 "Checked the ID and documents {first} will need on release day."},
};
static const char *const release_present[] = {
	"{name}; Agent {agent} (video)", "{name}",
	"{name}; Agent {agent}; {kinname} {last} ({kin}, phone)",
};
static const char *const release_details[] = {
	"Housing: {relative} in {city} has offered a room; Agent {agent} will do the home visit.",
	"The proposed residence must be approved by the agent before the plan is final.",
	"Medicaid application submitted; SSI reinstatement discussed since benefits were "
	"suspended.",
	"State ID application sent with the birth certificate; the Social Security card is still "
	"pending.",
	"Conditions reviewed: no alcohol, random testing, approved residence, agent contact as "
	"directed.",
	"{first} has a job lead at a warehouse in {city} through a reentry program.",
	"Transportation on release day: {relative} will pick {him} up at the gate.",
	"Scheduled the first appointment with Agent {agent} for the day after release.",
	"Bus pass and clothing voucher requested for release day.",
	"Housing application sent to a transitional housing program in {county} County.",
};
static const char *const release_closers[] = {
	"Release plan updated; tasks assigned with due dates.",
	"Next release planning contact in two weeks.",
	"Agent {agent} will confirm the address by {day}.",
};

/* ---- committee: PRT and reviews ---- */

static const struct demo_note_start committee_starts[] = {
	{"PRT preparation",
	 "Prepared the PRT packet for {name}: programs, work, incidents and release plan."},
	{"Program Review Team", "{title} appeared before the Program Review Team today."},
	{"PRT review", "PRT review meeting with {title}."},
	{"Custody review", "Custody review for {first} {last} with the unit team."},
	{"Work release screening", "Screened {name} for work release with the unit team."},
};
static const char *const committee_present[] = {
	"{name}; {author}; {staff}", "PRT members; {name}",
};
static const char *const committee_details[] = {
	"The team recommended continued participation in {program} and a custody review in {n} "
	"months.",
	"The team reviewed progress on the case plan goals and noted {n} months without a "
	"disciplinary report.",
	"{first} asked about work release; the team will reconsider at the next review.",
	"Recommendation: refer to Reentry Readiness six months before release.",
	"{first} received a copy of the recommendations and the notice of the next review.",
	"{staff} attended for the education department.",
	"Custody reduction approved; move to a minimum unit when a bed opens.",
};
static const char *const committee_closers[] = {
	"Next PRT review in 90 days.",
	"Recommendations entered in the case plan.",
};

/* ---- other ---- */

static const struct demo_note_start other_starts[] = {
	{"Property issue", "{title} asked for help with a property claim after the unit move."},
	{"Legal mail", "Delivered legal mail to {name} and logged it."},
	{"Records request", "Helped {first} {last} complete a records request."},
	{"Grievance response", "{title} asked about the grievance process."},
	{"Name change request", "{title} asked how to have the records show a legal name change."},
};
static const char *const other_present[] = {"{name}"};
static const char *const other_details[] = {
	"Forwarded the property claim to the property officer, {staff}.",
	"Explained the grievance process and the response time.",
	"{first} asked for copies of the sentencing order; writer sent the request to records.",
	"Notary appointment scheduled for {day}.",
};
static const char *const other_closers[] = {"No further action needed."};

#define DEMO_NOTE_KIND(type, name)                                                                 \
	{type, DEMO_NOTE_LIST(name##_starts), DEMO_NOTE_LIST(name##_present),                    \
	 DEMO_NOTE_LIST(name##_details), DEMO_NOTE_LIST(name##_closers)}
static const struct demo_note_kind demo_note_kinds[] = {
	DEMO_NOTE_KIND("contact", contact),
	DEMO_NOTE_KIND("interview", interview),
	DEMO_NOTE_KIND("counseling", counseling),
	DEMO_NOTE_KIND("collateral_contact", collateral),
	DEMO_NOTE_KIND("phone", phone),
	DEMO_NOTE_KIND("incident", incident),
	DEMO_NOTE_KIND("program", program),
	DEMO_NOTE_KIND("release_planning", release),
	DEMO_NOTE_KIND("committee", committee),
	DEMO_NOTE_KIND("other", other),
};
#undef DEMO_NOTE_KIND
enum { KIND_CONTACT, KIND_INTERVIEW, KIND_COUNSELING, KIND_COLLATERAL, KIND_PHONE,
       KIND_INCIDENT, KIND_PROGRAM, KIND_RELEASE, KIND_COMMITTEE, KIND_OTHER, KIND_COUNT };

/* Contact, program and phone notes are most of a caseworker's writing. */
static const int demo_note_kind_weights[KIND_COUNT] = {
	[KIND_CONTACT] = 30, [KIND_INTERVIEW] = 4,  [KIND_COUNSELING] = 8, [KIND_COLLATERAL] = 6,
	[KIND_PHONE] = 14,   [KIND_INCIDENT] = 5,   [KIND_PROGRAM] = 18,   [KIND_RELEASE] = 4,
	[KIND_COMMITTEE] = 5, [KIND_OTHER] = 3,
};

/* ---- sensitive notes: their own phrases, and the types they are written under ---- */

struct demo_note_sensitive {
	enum note_sensitivity sensitivity;
	int per_mille;
	int kinds[3]; /* the types such a note is written as */
	const struct demo_note_start *starts;
	size_t start_count;
	const char *const *details;
	size_t detail_count;
};

static const struct demo_note_start health_starts[] = {
	{"Health: medication follow-up", "Met with {title} about medication and health services."},
	{"Mental health referral", "{first} {last} asked to talk about low mood and sleep."},
	{"Medical appointment", "Health services appointment follow-up with {name}."},
	{"Health services consult", "Consulted health services about {name}."},
};
static const char *const health_details[] = {
	"{first} reports taking the prescribed medication at pill line and says the side effects "
	"are fewer.",
	"Referred {title} to psychology after {first} described low mood and poor sleep for two "
	"weeks.",
	"Health services confirmed an outside appointment for {name}; the date is not shared for "
	"security reasons.",
	"Discussed the diabetic diet with {first}, who asked about the medical snack bag.",
	"The psychiatrist adjusted the medication of {name}; dizziness is to be reported to "
	"nursing.",
	"Health services will arrange a thirty-day supply of medication and a prescription for "
	"release.",
	"{first} agreed to a mental health follow-up with {staff}.",
	"{title} asked about hepatitis C treatment; writer passed the request to health "
	"services.",
};
static const struct demo_note_start part2_starts[] = {
	{"Chemical dependency treatment progress",
	 "Progress in Chemical Dependency Treatment for {name}."},
	{"CD treatment referral",
	 "Met with {title} about a referral to Chemical Dependency Treatment."},
	{"Substance use assessment", "Substance use assessment follow-up with {title}."},
	{"Treatment aftercare plan",
	 "Aftercare planning with {first} {last} and the CD counselor."},
};
static const char *const part2_details[] = {
	"The CD counselor reports that {first} completed the relapse prevention worksheet.",
	"{title} was admitted to the Chemical Dependency Treatment program on {unit}.",
	"Discussed the aftercare recommendation for {name}: outpatient treatment in {county} "
	"County after release.",
	"{first} talked about cravings after a visit and the coping plan from group.",
	"Naloxone training and the overdose prevention kit for release were explained to "
	"{first}.",
	"Comprehensive substance use assessment of {name} completed; residential treatment "
	"recommended.",
	"{first} is in phase {n} of treatment and attends every group.",
};
static const struct demo_note_start prea_starts[] = {
	{"PREA screening", "PREA screening with {name}."},
	{"PREA follow-up", "PREA follow-up with {title}."},
	{"Sexual safety concern reported", "{title} reported a sexual safety concern to writer."},
};
static const char *const prea_details[] = {
	"Completed the PREA risk screening with {name} within 72 hours of arrival.",
	"{first} reported feeling unsafe with a cellmate; the PREA coordinator was notified at "
	"once.",
	"{title} moved to another cell as a protective measure pending the investigation.",
	"Offered {first} contact with the victim advocate; {first} accepted.",
	"The 30-day PREA reassessment of {name} was completed with no change.",
};
static const struct demo_note_start victim_starts[] = {
	{"Victim notification", "Victim notification review for {name}."},
	{"Victim safety: release address",
	 "Victim safety review of the release address of {name}."},
	{"No-contact order", "No-contact order review for {name}."},
};
static const char *const victim_details[] = {
	"The victim is registered for notification; victim services will be told the release "
	"date of {name}.",
	"The proposed address of {first} in {city} is inside the exclusion zone and cannot be "
	"approved.",
	"Confirmed with Agent {agent} that the no-contact order stays in effect on supervision "
	"for {name}.",
	"Victim services asked that the release plan of {title} include electronic monitoring.",
	"{first} asked to write an apology letter; explained the apology letter bank.",
};

/* Shares per thousand notes: 3% health, 1% Part 2, 0.5% PREA, 0.5% victim. */
static const struct demo_note_sensitive demo_note_sensitives[] = {
	{NOTE_HEALTH, 30, {KIND_COUNSELING, KIND_CONTACT, KIND_COUNSELING},
	 DEMO_NOTE_LIST(health_starts), DEMO_NOTE_LIST(health_details)},
	{NOTE_PART2, 10, {KIND_PROGRAM, KIND_COUNSELING, KIND_PROGRAM},
	 DEMO_NOTE_LIST(part2_starts), DEMO_NOTE_LIST(part2_details)},
	{NOTE_PREA, 5, {KIND_INTERVIEW, KIND_INCIDENT, KIND_INTERVIEW},
	 DEMO_NOTE_LIST(prea_starts), DEMO_NOTE_LIST(prea_details)},
	{NOTE_VICTIM, 5, {KIND_RELEASE, KIND_COLLATERAL, KIND_RELEASE},
	 DEMO_NOTE_LIST(victim_starts), DEMO_NOTE_LIST(victim_details)},
};

/* ---- a few words in the person's own language ---- */

struct demo_note_language {
	const char *language;
	const char *const *sentences;
	size_t count;
};

static const char *const spanish_sentences[] = {
	"{first} said that la familia is what keeps {him} going.",
	"Spoke partly in Spanish; {first} asked for the handout en español.",
	"{first} wants to call {his} abuela in {city} about the familia.",
	"\"Poco a poco,\" {first} said about the progress so far.",
};
static const char *const somali_sentences[] = {
	"Used the Soomaali interpreter line for this contact.",
	"{first} asked for the release handout in Soomaali.",
	"{first} said \"mahadsanid\" at the end of the meeting.",
};
static const char *const vietnamese_sentences[] = {
	"Used the tiếng Việt interpreter line for this contact.",
	"{first} asked about an uncle, chú {last} Văn Minh, who lives in {city}.",
	"{first} said \"cảm ơn\" and asked for the next appointment.",
};
static const char *const hmong_sentences[] = {
	"Hmong (Hmoob) interpreter present by phone.",
	"{first} asked for the handout in Hmoob.",
};
static const char *const amharic_sentences[] = {
	"Amharic (አማርኛ) interpreter used by phone.",
};
static const char *const oromo_sentences[] = {
	"Afaan Oromoo interpreter used by phone.",
};
static const char *const polish_sentences[] = {
	"{first} said \"dziękuję\" and asked to call {his} rodzina in Chicago.",
};
static const char *const russian_sentences[] = {
	"{first} asked for the Russian (русский) version of the handout.",
};
static const char *const mandarin_sentences[] = {
	"Mandarin (普通话) interpreter used by phone.",
};

static const struct demo_note_language demo_note_languages[] = {
	{"Spanish", DEMO_NOTE_LIST(spanish_sentences)},
	{"Somali", DEMO_NOTE_LIST(somali_sentences)},
	{"Vietnamese", DEMO_NOTE_LIST(vietnamese_sentences)},
	{"Hmong", DEMO_NOTE_LIST(hmong_sentences)},
	{"Amharic", DEMO_NOTE_LIST(amharic_sentences)},
	{"Oromo", DEMO_NOTE_LIST(oromo_sentences)},
	{"Polish", DEMO_NOTE_LIST(polish_sentences)},
	{"Russian", DEMO_NOTE_LIST(russian_sentences)},
	{"Mandarin", DEMO_NOTE_LIST(mandarin_sentences)},
};

/* ---- the world around the person ---- */

static const char *const demo_note_counties[] = {
	"Hennepin", "Ramsey", "Dakota", "Anoka", "St. Louis", "Olmsted", "Stearns",
	"Washington", "Scott", "Blue Earth", "Beltrami", "Clay",
};
static const char *const demo_note_cities[] = {
	"Minneapolis", "St. Paul", "Duluth", "Rochester", "St. Cloud", "Mankato",
	"Brooklyn Park", "Bemidji", "Moorhead", "Burnsville", "Willmar", "Faribault",
};
static const char *const demo_note_days[] = {
	"Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
};
/* Programs a note may mention for someone enrolled in none: the ones with waiting lists. */
static const char *const demo_note_programs[] = {
	"Thinking for a Change", "Decision Points", "GED/Adult Basic Education",
	"Anger Management", "Vocational Welding", "Parenting Inside Out",
};
static const char *const demo_note_corrections[] = {
	"Correction: the date of the next PRT review was wrong in the original note.",
	"Amended to correct the name of the program.",
	"Amended: the agent's county was wrong in the original note.",
	"Correction: the visit was in person, not by phone.",
	"Amended to add the outcome of the follow-up call.",
	"Correction: wrong number of sessions attended in the original note.",
};

struct demo_note_relative {
	const char *kin;
	int sex; /* 1 male, 2 female, 0 either */
};

static const struct demo_note_relative demo_note_relatives[] = {
	{"mother", 2}, {"father", 1},      {"sister", 2}, {"brother", 1}, {"grandmother", 2},
	{"aunt", 2},   {"uncle", 1},       {"daughter", 2}, {"son", 1},  {"cousin", 0},
	{"partner", 0}, {"grandfather", 1},
};

/* One note in the making: the person, and the relative this note speaks of. */
struct demo_note_writer {
	struct rng *rng;
	const struct demo_note_about *about;
	const char *kin;
	const char *kin_name;
	const char *program;
	const char *county, *city;
	struct strbuf *out;
};

static const char *demo_note_any(struct rng *rng, const char *const *list, size_t count)
{
	return list[rng_below(rng, (uint32_t)count)];
}

#define DEMO_NOTE_ANY(rng, array) demo_note_any(rng, array, DEMO_NOTE_COUNT(array))

static const char *demo_note_his(const struct demo_note_about *a)
{
	return a->sex == SEX_MALE ? "his" : a->sex == SEX_FEMALE ? "her" : "their";
}

static const char *demo_note_him(const struct demo_note_about *a)
{
	return a->sex == SEX_MALE ? "him" : a->sex == SEX_FEMALE ? "her" : "them";
}

/* The family stays the same from note to note: the person's own seed picks three
 * relatives, and each note speaks of one of them. */
static void demo_note_family(struct demo_note_writer *w)
{
	const struct demo_note_about *a = w->about;
	struct rng family;
	rng_seed(&family, a->family);
	w->county = demo_note_counties[rng_below(&family, DEMO_NOTE_COUNT(demo_note_counties))];
	w->city = demo_note_cities[rng_below(&family, DEMO_NOTE_COUNT(demo_note_cities))];
	uint32_t which = rng_below(w->rng, 3);
	for (uint32_t i = 0; i <= which; i++) {
		const struct demo_note_relative *r =
			&demo_note_relatives[rng_below(&family, DEMO_NOTE_COUNT(demo_note_relatives))];
		bool male = r->sex == 1 || (r->sex == 0 && rng_below(&family, 2));
		const struct demo_name_pool *pool = a->pool;
		w->kin = r->kin;
		w->kin_name = male ? demo_note_any(&family, pool->first_male, pool->first_male_count)
				   : demo_note_any(&family, pool->first_female,
						   pool->first_female_count);
	}
}

/* Appends the value of one slot; unknown slots are a phrase-table bug, written as they are
 * so that a test reading the text sees them. */
static void demo_note_slot(struct demo_note_writer *w, const char *key, size_t len)
{
	const struct demo_note_about *a = w->about;
	struct strbuf *out = w->out;
#define DEMO_NOTE_IS(name) (len == sizeof(name) - 1 && !memcmp(key, name, len))
	if (DEMO_NOTE_IS("first")) {
		strbuf_puts(out, a->first);
	} else if (DEMO_NOTE_IS("last")) {
		strbuf_puts(out, a->last);
	} else if (DEMO_NOTE_IS("name")) {
		strbuf_printf(out, "%s %s", a->first, a->last);
	} else if (DEMO_NOTE_IS("title")) {
		if (a->sex == SEX_X)
			strbuf_printf(out, "%s %s", a->first, a->last);
		else
			strbuf_printf(out, "%s %s", a->sex == SEX_MALE ? "Mr." : "Ms.", a->last);
	} else if (DEMO_NOTE_IS("his")) {
		strbuf_puts(out, demo_note_his(a));
	} else if (DEMO_NOTE_IS("him")) {
		strbuf_puts(out, demo_note_him(a));
	} else if (DEMO_NOTE_IS("author")) {
		strbuf_puts(out, a->author);
	} else if (DEMO_NOTE_IS("staff")) {
		strbuf_puts(out, a->staff);
	} else if (DEMO_NOTE_IS("agent")) {
		strbuf_puts(out, a->agent);
	} else if (DEMO_NOTE_IS("unit")) {
		strbuf_puts(out, a->unit);
	} else if (DEMO_NOTE_IS("program")) {
		strbuf_puts(out, w->program);
	} else if (DEMO_NOTE_IS("relative")) {
		strbuf_printf(out, "%s %s %s", demo_note_his(a), w->kin, w->kin_name);
	} else if (DEMO_NOTE_IS("kin")) {
		strbuf_puts(out, w->kin);
	} else if (DEMO_NOTE_IS("kinname")) {
		strbuf_puts(out, w->kin_name);
	} else if (DEMO_NOTE_IS("county")) {
		strbuf_puts(out, w->county);
	} else if (DEMO_NOTE_IS("city")) {
		strbuf_puts(out, w->city);
	} else if (DEMO_NOTE_IS("day")) {
		strbuf_puts(out, DEMO_NOTE_ANY(w->rng, demo_note_days));
	} else if (DEMO_NOTE_IS("n")) {
		strbuf_printf(out, "%d", rng_range(w->rng, 2, 9));
	} else {
		strbuf_putc(out, '{');
		strbuf_append(out, key, len);
		strbuf_putc(out, '}');
	}
#undef DEMO_NOTE_IS
}

static void demo_note_expand(struct demo_note_writer *w, const char *phrase)
{
	for (const char *c = phrase; *c;) {
		const char *open = strchr(c, '{');
		const char *close = open ? strchr(open, '}') : NULL;
		if (!close) {
			strbuf_puts(w->out, c);
			return;
		}
		strbuf_append(w->out, c, (size_t)(open - c));
		demo_note_slot(w, open + 1, (size_t)(close - open - 1));
		c = close + 1;
	}
}

/* Expands into a field of a fixed size, cut at a character boundary. */
static void demo_note_expand_field(struct demo_note_writer *w, const char *phrase, char *field,
				   size_t size, struct strbuf *scratch)
{
	struct strbuf *body = w->out;
	strbuf_reset(scratch);
	w->out = scratch;
	demo_note_expand(w, phrase);
	w->out = body;
	str_copy(field, size, scratch->buf);
}

static size_t demo_note_words(const char *s)
{
	size_t words = 0;
	bool in = false;
	for (; *s; s++) {
		bool space = *s == ' ' || *s == '\n';
		words += !space && !in;
		in = !space;
	}
	return words;
}

/* Appends one sentence if the note stays within the word limit; true if it did. */
static bool demo_note_add(struct demo_note_writer *w, const char *phrase, size_t *words,
			  struct strbuf *scratch)
{
	struct strbuf *body = w->out;
	strbuf_reset(scratch);
	w->out = scratch;
	demo_note_expand(w, phrase);
	w->out = body;
	size_t n = demo_note_words(scratch->buf);
	if (*words + n > DEMO_NOTE_MAX_WORDS)
		return false;
	if (body->len)
		strbuf_putc(body, ' ');
	strbuf_append(body, scratch->buf, scratch->len);
	*words += n;
	return true;
}

static const struct demo_note_language *demo_note_language_of(const char *language)
{
	for (size_t i = 0; i < DEMO_NOTE_COUNT(demo_note_languages); i++)
		if (!strcmp(demo_note_languages[i].language, language))
			return &demo_note_languages[i];
	return NULL;
}

/* Which kind of note: intake interviews in the first weeks, release planning in the last
 * year, otherwise mostly contacts, programs and calls. */
static size_t demo_note_pick_kind(struct rng *rng, const struct demo_note_about *a)
{
	int weights[KIND_COUNT];
	memcpy(weights, demo_note_kind_weights, sizeof weights);
	if (a->days_inside < 30)
		weights[KIND_INTERVIEW] += 40;
	if (a->days_to_release >= 0 && a->days_to_release < 365) {
		weights[KIND_RELEASE] += 25;
		weights[KIND_COLLATERAL] += 6;
	}
	int total = 0;
	for (size_t i = 0; i < KIND_COUNT; i++)
		total += weights[i];
	int r = (int)rng_below(rng, (uint32_t)total);
	for (size_t i = 0; i < KIND_COUNT; i++) {
		if (r < weights[i])
			return i;
		r -= weights[i];
	}
	return KIND_OTHER;
}

static const struct demo_note_sensitive *demo_note_pick_sensitive(struct rng *rng)
{
	int r = (int)rng_below(rng, 1000);
	for (size_t i = 0; i < DEMO_NOTE_COUNT(demo_note_sensitives); i++) {
		if (r < demo_note_sensitives[i].per_mille)
			return &demo_note_sensitives[i];
		r -= demo_note_sensitives[i].per_mille;
	}
	return NULL;
}

/* A sentence not used yet in this note, or NULL when a few tries find none. */
static const char *demo_note_fresh(struct rng *rng, const char *const *list, size_t count,
				   const char **used, size_t *used_count)
{
	for (int attempt = 0; attempt < 4; attempt++) {
		const char *pick = list[rng_below(rng, (uint32_t)count)];
		bool seen = false;
		for (size_t i = 0; i < *used_count; i++)
			seen = seen || used[i] == pick;
		if (seen)
			continue;
		if (*used_count < DEMO_NOTE_MAX_PICKS)
			used[(*used_count)++] = pick;
		return pick;
	}
	return NULL;
}

void demo_note_write(struct rng *rng, const struct demo_note_about *about, struct note *note,
		     struct strbuf *body, struct strbuf *scratch)
{
	struct demo_note_writer w = {.rng = rng, .about = about, .out = body};
	demo_note_family(&w);
	w.program = about->program_count
			    ? about->programs[rng_below(rng, (uint32_t)about->program_count)]
			    : DEMO_NOTE_ANY(rng, demo_note_programs);
	const struct demo_note_sensitive *sens = demo_note_pick_sensitive(rng);
	const struct demo_note_kind *kind =
		&demo_note_kinds[sens ? (size_t)sens->kinds[rng_below(rng, 3)]
				      : demo_note_pick_kind(rng, about)];
	note->sensitivity = sens ? sens->sensitivity : NOTE_OPEN;
	str_copy(note->type, sizeof note->type, kind->type);

	const struct demo_note_start *start =
		sens ? &sens->starts[rng_below(rng, (uint32_t)sens->start_count)]
		     : &kind->starts[rng_below(rng, (uint32_t)kind->start_count)];
	demo_note_expand_field(&w, start->subject, note->subject, sizeof note->subject, scratch);
	demo_note_expand_field(&w, demo_note_any(rng, kind->present, kind->present_count),
			       note->present, sizeof note->present, scratch);

	/* 20 to 80 words, most notes short: the average contact note is a few sentences */
	size_t target = (size_t)rng_range(rng, DEMO_NOTE_MIN_WORDS, 45);
	if (rng_chance(rng, 30))
		target = (size_t)rng_range(rng, 45, DEMO_NOTE_MAX_WORDS);
	const char *used[DEMO_NOTE_MAX_PICKS];
	size_t used_count = 0, words = 0;
	strbuf_reset(body);
	demo_note_add(&w, start->opener, &words, scratch);
	const struct demo_note_language *lang = demo_note_language_of(about->language);
	bool said_language = false;
	for (int tries = 0; words < target && tries < 12; tries++) {
		const char *phrase;
		int r = (int)rng_below(rng, 100);
		/* a sensitive note stays on its subject: the kind's own sentences are rare */
		if (sens && (r < 85 || used_count == 0)) {
			phrase = demo_note_fresh(rng, sens->details, sens->detail_count, used,
						 &used_count);
		} else if (lang && !said_language && r < 25) {
			phrase = demo_note_any(rng, lang->sentences, lang->count);
			said_language = true;
		} else {
			phrase = demo_note_fresh(rng, kind->details, kind->detail_count, used,
						 &used_count);
		}
		if (phrase)
			demo_note_add(&w, phrase, &words, scratch);
	}
	if (rng_chance(rng, 60) || words < DEMO_NOTE_MIN_WORDS)
		demo_note_add(&w, demo_note_any(rng, kind->closers, kind->closer_count), &words,
			      scratch);
	/* more of the kind's sentences until the floor: each is under 20 words */
	for (int tries = 0; words < DEMO_NOTE_MIN_WORDS && tries < 20; tries++) {
		const char *phrase = demo_note_fresh(rng, kind->details, kind->detail_count, used,
						     &used_count);
		demo_note_add(&w, phrase ? phrase : kind->details[0], &words, scratch);
	}
}

void demo_note_correct(struct rng *rng, struct strbuf *body)
{
	struct strbuf original = *body;
	strbuf_init(body);
	strbuf_puts(body, DEMO_NOTE_ANY(rng, demo_note_corrections));
	strbuf_putc(body, '\n');
	strbuf_append(body, original.buf, original.len);
	strbuf_clear(&original);
}
