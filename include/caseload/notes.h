#ifndef CASELOAD_NOTES_H
#define CASELOAD_NOTES_H
/* Case notes in the store: drafts that autosave, notes finalized (immutable; corrected by
 * amendments that point at the original), interns' notes pending a co-signature, a
 * sensitivity tag checked on every read path, full-text search over what left draft, and
 * the person's chronological record (notes and record changes, newest first). Writes run
 * inside a transaction the caller opened. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "caseload/store.h"
#include "caseload/strbuf.h"

#define NOTE_TYPE_SIZE 32
#define NOTE_SUBJECT_MAX 200     /* characters */
#define NOTE_BODY_MAX_BYTES 1048576

/* Who may read a note besides its author, as a grant the reader must hold (0: anyone
 * who may read the person's record). */
#define NOTE_SENSITIVITY_LIST(X)                                                                   \
	X(NOTE_OPEN, "none", 0u)                                                                   \
	X(NOTE_HEALTH, "health", 4u)                                                               \
	X(NOTE_PART2, "part2", 1u)                                                                 \
	X(NOTE_PREA, "prea", 2u)                                                                   \
	X(NOTE_VICTIM, "victim", 8u)

enum note_sensitivity {
#define NOTE_SENS_ENUM(id, name, grant) id,
	NOTE_SENSITIVITY_LIST(NOTE_SENS_ENUM)
#undef NOTE_SENS_ENUM
	NOTE_SENSITIVITY_COUNT
};

enum note_state { NOTE_DRAFT, NOTE_PENDING_COSIGN, NOTE_FINAL };

struct note {
	int64_t id;
	int64_t person_id;
	int64_t author_id;
	char author_name[244];    /* as it was when written */
	char type[NOTE_TYPE_SIZE]; /* one of the configured note types */
	char contact_at[20];       /* when the contact happened: "YYYY-MM-DD HH:MM" (local) */
	char written_at[32];       /* when the note was started (UTC timestamp) */
	char present[400];         /* people present or contacted */
	char subject[800];
	char *body;                /* owned (note_clear); "" when empty */
	enum note_sensitivity sensitivity;
	enum note_state state;
	int64_t amends_id;     /* the note this one corrects, 0 for none */
	int64_t amended_by_id; /* the newest amendment of this note, 0 for none */
	char finalized_at[32];
	char cosigned_by_name[244];
	char cosigned_at[32];
	int64_t version; /* of the draft: stale-write detection */
};

void note_clear(struct note *note);

/* Who is reading: the visibility rules are applied in the SQL of every read. */
struct note_reader {
	int64_t staff_id;
	unsigned grants; /* STAFF_GRANT_* and NOTE_* grant bits */
};

/* A new draft (state DRAFT, version 1, written_at = at); sets note->id. A NULL body is
 * stored as "". An amendment (amends_id) must correct a final note of the same person, and
 * the text must fit its bounds: CL_ERR_CONSTRAINT otherwise. */
enum cl_status store_note_insert(struct store *store, struct note *note, const char *at);
/* Rewrites a draft's text (type, contact_at, present, subject, body, sensitivity) if its
 * version is still note->version, and bumps note->version. CL_ERR_STALE when saved
 * elsewhere since; CL_ERR_INVALID when the note is no longer a draft; CL_ERR_NOTFOUND when
 * there is no such note. Nothing is written unless CL_OK. The caller checks the author. */
enum cl_status store_note_update_draft(struct store *store, struct note *note, const char *at);
/* Draft -> PENDING_COSIGN or FINAL (finalized by `by` at `at`), and indexes it for search:
 * its text is immutable from then on. CL_ERR_INVALID when `to` is neither or the note is not
 * a draft, CL_ERR_NOTFOUND when there is none, CL_ERR_CONSTRAINT when the schema refuses it
 * (a contact time that is not "YYYY-MM-DD HH:MM"). */
enum cl_status store_note_submit(struct store *store, int64_t id, enum note_state to,
				 int64_t by, const char *at);
/* PENDING_COSIGN -> FINAL, co-signed (and finalized) by `by` at `at`. CL_ERR_INVALID when
 * the note is not pending, CL_ERR_NOTFOUND when there is none, CL_ERR_CONSTRAINT when `by`
 * is its author. Who may co-sign is the caller's rule. */
enum cl_status store_note_cosign(struct store *store, int64_t id, int64_t by, const char *at);

/* One note the reader may see (CL_ERR_NOTFOUND otherwise, exactly as for a missing one).
 * amended_by_id names the newest amendment the reader may see. Caller clears it. */
enum cl_status store_note_get(struct store *store, const struct note_reader *reader, int64_t id,
			      struct note *out);

/* Notes pending the co-signature of `supervisor_id` (those of the staff they supervise),
 * at most cap, the longest waiting first. Read as that supervisor: their own grants decide
 * which sensitive notes appear. *notes is NULL when none; otherwise the caller clears each
 * (note_clear) and frees the array. */
enum cl_status store_notes_pending_cosign(struct store *store, int64_t supervisor_id,
					  struct note **notes, size_t *count, size_t cap);

/* The chronological record: one entry per note, record change or form response that left
 * draft. Entries at the same time come in this order. */
enum timeline_kind { TIMELINE_NOTE, TIMELINE_CHANGE, TIMELINE_FORM };

struct timeline_entry {
	enum timeline_kind kind;
	int64_t id;            /* note id, person_change id or form_response id */
	/* The sort key, as text: a note's contact_at ("YYYY-MM-DD HH:MM", local time), a
	 * change's changed_at and a form response's finalized_at with a space for the 'T'
	 * ("YYYY-MM-DD HH:MM:SS.ssZ", UTC). */
	char at[32];
	char type[NOTE_TYPE_SIZE]; /* note type, "change" or "form" */
	/* notes: the subject, or the body's first non-blank line when there is none;
	 * changes: "field: old → new", "(none)" for an empty value;
	 * forms: "<title> v<version>: <summary>" (no ": " part when the summary is empty) */
	char summary[600];
	char who[244];         /* author (as written) or who changed the record */
	/* NOTE_FINAL for changes, and for forms final or approved; NOTE_PENDING_COSIGN for
	 * forms in review (pending or returned) */
	enum note_state state;
	bool amended;          /* an amendment the reader may see exists */
	/* notes: sensitivity other than NOTE_OPEN; forms: some answer has one (whether or not
	 * the reader may see it) */
	bool sensitive;
};

struct timeline_query {
	int64_t person_id;
	/* NULL: all; a note type (notes of it only), "change" (changes) or "form" (forms) */
	const char *type;
	const char *since; /* first day, "YYYY-MM-DD", or NULL */
	const char *until; /* last day (inclusive), or NULL */
	/* Keyset paging: NULL for the first page; then the last entry's at, id and kind. */
	const char *before_at;
	int64_t before_id;
	enum timeline_kind before_kind;
};

/* The person's notes the reader may see (their own drafts included), the record's changes
 * and the form responses that left draft, newest first: by at, then by kind (notes, changes,
 * forms), then id, newest first. At most cap entries; a page shorter than cap is the last. */
enum cl_status store_timeline(struct store *store, const struct note_reader *reader,
			      const struct timeline_query *query, struct timeline_entry *entries,
			      size_t cap, size_t *count);

/* Full-text search over notes that left draft and that the reader may see. query is what
 * the user typed: words (all must match), "quoted phrases", prefix* words; any other
 * character is searched literally; never an FTS syntax error (nothing searchable typed:
 * CL_OK, no hits). Relevance (how often each term occurs, saturating, against the note's
 * length, subject words weighing double: bm25 without term rarity) is ranked among the
 * newest 2,000 matches that pass the filters and that the reader may see, not over every
 * match: ranking all the matches of a common word costs seconds (PERFORMANCE.md), so an
 * older note that would rank first is found by narrowing the search (person, dates, type).
 * snippet is display-safe text with the match marked \x01 ... \x02, from the field that
 * matched best. */
struct note_hit {
	int64_t note_id;
	int64_t person_id;
	char person_oid[16];
	char person_name[500];
	char contact_at[20];
	char type[NOTE_TYPE_SIZE];
	char author[244];
	char snippet[400];
};

struct note_search {
	const char *query;
	int64_t person_id;   /* 0: every person */
	const char *type;    /* NULL: any */
	int64_t author_id;   /* 0: any */
	const char *since, *until; /* contact days, "YYYY-MM-DD", inclusive; NULL: open */
};

enum cl_status store_note_search(struct store *store, const struct note_reader *reader,
				 const struct note_search *search, struct note_hit *hits, size_t cap,
				 size_t *count);

/* Turns what a user typed into a safe FTS5 query (appended to out): terms separated by
 * white space, each double-quoted (inner quotes doubled) and joined by spaces (AND); a
 * "quoted part" is a phrase, to the end of the text when the closing quote is missing; a
 * word ending in * after two or more letters or digits is a prefix ("word"*). Terms without a
 * letter or digit are dropped; false (nothing appended) when none remains. Exposed for
 * tests. */
bool store_note_fts_query(const char *typed, struct strbuf *out);

#endif
