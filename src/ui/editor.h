#ifndef CASELOAD_UI_EDITOR_H
#define CASELOAD_UI_EDITOR_H
/* Editing a text in the user's own editor ($VISUAL, else $EDITOR, else vi), for sites whose
 * configuration allows it (allow_external_editor). The text goes to a private temporary file
 * (0600, in $TMPDIR or /tmp) that is overwritten and removed afterwards; the editor is
 * started with posix_spawn (never fork with the database open), curses steps aside while it
 * runs and takes the screen back after. */
#include <stdbool.h>
#include <stddef.h>

/* Runs the editor on text. On success returns true and *out holds the edited text (the
 * caller frees it; a trailing newline the editor added is removed); *out is NULL when the
 * text came back unchanged. On failure returns false with a sentence in err and *out NULL;
 * the text given is never lost (the caller still holds it). Texts longer than max_bytes
 * coming back are refused whole. */
bool ui_editor_run(const char *text, size_t max_bytes, char **out, char *err, size_t errsz);

#endif
