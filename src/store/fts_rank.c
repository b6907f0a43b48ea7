/* note_rank(note_search, w...): the relevance of a note to a search, ranked by the store.
 *
 * FTS5's bm25() weighs each phrase by how rare it is, and to learn that it counts the rows
 * holding the phrase over the whole index on the first row of every query: for a common word
 * or a phrase of common words that is a pass over hundreds of thousands of position lists,
 * 20-130 ms on two million notes, most of a search's time (PERFORMANCE.md). Search ranks only
 * the newest matches, and every one of them holds every phrase of the query, so rarity
 * changes little; this is bm25 without it: each phrase's occurrences, weighted by column,
 * saturating (k1 = 1.2) and normalised by the note's length against the average (b = 0.75),
 * all of which FTS5 knows about the row at hand or keeps in its structure record. Like bm25,
 * better matches score lower (ORDER BY note_rank(...) ascending). */
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "store_internal.h"

#define RANK_K1 1.2
#define RANK_B 0.75
#define RANK_MAX_COLUMNS 8

/* Per query: the average note length, read once. */
struct rank_stats {
	double avg_tokens;
};

static struct rank_stats *rank_stats(const Fts5ExtensionApi *api, Fts5Context *fts)
{
	struct rank_stats *stats = api->xGetAuxdata(fts, 0);
	if (stats)
		return stats;
	sqlite3_int64 rows = 0, tokens = 0;
	if (api->xRowCount(fts, &rows) != SQLITE_OK || api->xColumnTotalSize(fts, -1, &tokens) != SQLITE_OK)
		return NULL;
	stats = sqlite3_malloc(sizeof *stats);
	if (!stats)
		return NULL;
	stats->avg_tokens = rows > 0 ? (double)tokens / (double)rows : 1.0;
	if (stats->avg_tokens <= 0)
		stats->avg_tokens = 1.0;
	if (api->xSetAuxdata(fts, stats, sqlite3_free) != SQLITE_OK)
		return NULL; /* xSetAuxdata freed it */
	return stats;
}

static void rank_function(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx,
			  int argc, sqlite3_value **argv)
{
	struct rank_stats *stats = rank_stats(api, fts);
	int phrases = api->xPhraseCount(fts);
	int columns = api->xColumnCount(fts);
	int insts = 0, tokens = 0;
	if (!stats || phrases <= 0 || api->xInstCount(fts, &insts) != SQLITE_OK ||
	    api->xColumnSize(fts, -1, &tokens) != SQLITE_OK) {
		sqlite3_result_error(ctx, "note_rank: the row cannot be read", -1);
		return;
	}
	double weight[RANK_MAX_COLUMNS];
	for (int c = 0; c < RANK_MAX_COLUMNS; c++)
		weight[c] = c < argc ? sqlite3_value_double(argv[c]) : 1.0;
	double stack_freq[16];
	double *freq = phrases <= 16 ? stack_freq : sqlite3_malloc64(sizeof *freq * (size_t)phrases);
	if (!freq) {
		sqlite3_result_error_nomem(ctx);
		return;
	}
	memset(freq, 0, sizeof *freq * (size_t)phrases);
	for (int i = 0; i < insts; i++) {
		int phrase, column, offset;
		if (api->xInst(fts, i, &phrase, &column, &offset) != SQLITE_OK)
			continue;
		if (phrase >= 0 && phrase < phrases && column >= 0 && column < columns)
			freq[phrase] += column < RANK_MAX_COLUMNS ? weight[column] : 1.0;
	}
	double norm = RANK_K1 * (1 - RANK_B + RANK_B * (double)tokens / stats->avg_tokens);
	double score = 0;
	for (int p = 0; p < phrases; p++)
		score += freq[p] * (RANK_K1 + 1) / (freq[p] + norm);
	if (freq != stack_freq)
		sqlite3_free(freq);
	sqlite3_result_double(ctx, -score);
}

/* The documented way to reach FTS5's API from C: SELECT fts5(?) hands back a pointer. */
static fts5_api *rank_fts5_api(sqlite3 *db)
{
	fts5_api *api = NULL;
	sqlite3_stmt *stmt = NULL;
	if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &stmt, NULL) != SQLITE_OK)
		return NULL;
	sqlite3_bind_pointer(stmt, 1, (void *)&api, "fts5_api_ptr", NULL);
	sqlite3_step(stmt);
	sqlite3_finalize(stmt);
	return api;
}

int store_fts_rank_register(sqlite3 *db)
{
	fts5_api *api = rank_fts5_api(db);
	if (!api || api->iVersion < 2)
		return SQLITE_ERROR;
	return api->xCreateFunction(api, "note_rank", NULL, rank_function, NULL);
}
