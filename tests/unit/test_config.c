/* config: defaults, a full file, every kind of error with its exact file:line:column text,
 * bounds at both edges, the dump read back identically, and hostile or truncated input.
 * Linked with cl_config alone (no app, no database): the library is pure. */
#define _XOPEN_SOURCE 700 /* mkdtemp, nl_langinfo */
#include <check.h>
#include <dirent.h>
#include <errno.h>
#include <langinfo.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "caseload/config.h"
#include "caseload/status.h"
#include "caseload/strbuf.h"

#if !defined(CONFIG_FIXTURES) || !defined(CONFIG_EXAMPLE)
#error "CONFIG_FIXTURES must name the fixtures directory, CONFIG_EXAMPLE the example file"
#endif

/* ---- helpers ----------------------------------------------------------------------------- */

static char tmpdir[PATH_MAX];

static void tmp_setup(void)
{
	const char *base = getenv("TMPDIR");
	snprintf(tmpdir, sizeof tmpdir, "%s/caseload-config-XXXXXX", base && *base ? base : "/tmp");
	ck_assert_msg(mkdtemp(tmpdir) != NULL, "mkdtemp %s: %s", tmpdir, strerror(errno));
}

static void tmp_teardown(void)
{
	DIR *d = opendir(tmpdir);
	if (!d)
		return;
	struct dirent *e;
	char path[PATH_MAX * 2];
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		snprintf(path, sizeof path, "%s/%s", tmpdir, e->d_name);
		chmod(path, 0700);
		if (remove(path) != 0)
			rmdir(path);
	}
	closedir(d);
	rmdir(tmpdir);
}

static void fixture_path(char *out, size_t size, const char *name)
{
	snprintf(out, size, "%s/%s", CONFIG_FIXTURES, name);
}

/* Writes len bytes to tmpdir/name; the path goes to out (PATH_MAX bytes). */
static void write_file(char *out, const char *name, const char *data, size_t len)
{
	snprintf(out, PATH_MAX, "%s/%s", tmpdir, name);
	FILE *f = fopen(out, "wb");
	ck_assert_msg(f != NULL, "cannot write %s", out);
	ck_assert_uint_eq(fwrite(data, 1, len, f), len);
	ck_assert_int_eq(fclose(f), 0);
}

static char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	ck_assert_msg(f != NULL, "cannot read %s", path);
	struct strbuf sb;
	strbuf_init(&sb);
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		strbuf_append(&sb, chunk, n);
	fclose(f);
	*len = sb.len;
	return strbuf_detach(&sb);
}

/* Loads text from tmpdir/t.yaml (path in out when not NULL). */
static enum cl_status load_text(const char *text, struct config *config, struct strbuf *errors,
				char *out)
{
	char path[PATH_MAX];
	write_file(path, "t.yaml", text, strlen(text));
	if (out)
		snprintf(out, PATH_MAX, "%s", path);
	return config_load(path, false, config, errors);
}

static void assert_same(const struct config *a, const struct config *b)
{
	ck_assert_str_eq(a->banner, b->banner);
	ck_assert_str_eq(a->facility, b->facility);
	ck_assert_int_eq(a->idle_lock_minutes, b->idle_lock_minutes);
	ck_assert_int_eq(a->reauth_hours, b->reauth_hours);
	ck_assert_int_eq(a->lockout_attempts, b->lockout_attempts);
	ck_assert_int_eq(a->lockout_window_minutes, b->lockout_window_minutes);
	ck_assert_int_eq(a->password_min_single_factor, b->password_min_single_factor);
	ck_assert_int_eq(a->password_min_with_totp, b->password_min_with_totp);
	ck_assert_uint_eq(a->totp_required_roles, b->totp_required_roles);
	ck_assert_int_eq(a->account_idle_disable_days, b->account_idle_disable_days);
	ck_assert_int_eq(a->audit_retention_days, b->audit_retention_days);
	ck_assert_int_eq(a->prea_retention_days, b->prea_retention_days);
	ck_assert_int_eq(a->allow_external_editor, b->allow_external_editor);
	ck_assert_str_eq(a->note_types, b->note_types);
	ck_assert_int_eq(a->qa_sample_percent, b->qa_sample_percent);
	ck_assert_str_eq(a->forms_dir, b->forms_dir);
	ck_assert_str_eq(a->release_plan_file, b->release_plan_file);
	ck_assert_str_eq(a->case_plan_domains, b->case_plan_domains);
	ck_assert_int_eq(a->case_plan_review_days, b->case_plan_review_days);
}

static void assert_defaults(const struct config *c)
{
	struct config d;
	config_defaults(&d);
	assert_same(c, &d);
}

/* Some garbage, so that a test sees config_load set every field itself. */
static void scribble(struct config *c)
{
	memset(c, 0x5A, sizeof *c);
	c->banner[sizeof c->banner - 1] = '\0';
	c->facility[sizeof c->facility - 1] = '\0';
	c->note_types[sizeof c->note_types - 1] = '\0';
	c->forms_dir[sizeof c->forms_dir - 1] = '\0';
	c->release_plan_file[sizeof c->release_plan_file - 1] = '\0';
	c->case_plan_domains[sizeof c->case_plan_domains - 1] = '\0';
}

/* Loads the fixture, expects CL_ERR_INVALID, the defaults, and exactly `expected`: lines of
 * "line:column: message", each of which the loader must prefix with the fixture's path. */
static void expect_fixture(const char *name, const char *expected)
{
	char path[PATH_MAX];
	fixture_path(path, sizeof path, name);
	struct strbuf want;
	strbuf_init(&want);
	for (const char *p = expected; *p;) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		strbuf_printf(&want, "%s:%.*s\n", path, (int)n, p);
		p += n + (nl != NULL);
	}
	struct config c;
	scribble(&c);
	struct strbuf errors;
	strbuf_init(&errors);
	ck_assert_int_eq(config_load(path, false, &c, &errors), CL_ERR_INVALID);
	ck_assert_str_eq(errors.buf, want.buf);
	assert_defaults(&c);
	/* optional only excuses a missing file, not a bad one */
	strbuf_reset(&errors);
	ck_assert_int_eq(config_load(path, true, &c, &errors), CL_ERR_INVALID);
	ck_assert_str_eq(errors.buf, want.buf);
	strbuf_clear(&errors);
	strbuf_clear(&want);
}

/* True when every line of errors is "path:LINE:COLUMN: message" with LINE and COLUMN
 * positive and within max_line. */
static bool all_positioned(const char *path, const char *errors, unsigned long max_line)
{
	size_t plen = strlen(path);
	const char *p = errors;
	if (*p == '\0')
		return false;
	while (*p) {
		const char *nl = strchr(p, '\n');
		if (!nl || strncmp(p, path, plen) != 0 || p[plen] != ':')
			return false;
		char *end;
		unsigned long line = strtoul(p + plen + 1, &end, 10);
		if (end == p + plen + 1 || *end != ':' || line == 0 || line > max_line)
			return false;
		const char *col = end + 1;
		unsigned long column = strtoul(col, &end, 10);
		if (end == col || column == 0 || strncmp(end, ": ", 2) != 0 || end + 2 >= nl)
			return false;
		p = nl + 1;
	}
	return true;
}

/* ---- defaults and listing ---------------------------------------------------------------- */

START_TEST(defaults_are_the_documented_numbers)
{
	struct config c;
	scribble(&c);
	config_defaults(&c);
	ck_assert_str_eq(c.facility, "Correctional Facility");
	ck_assert_int_eq(c.idle_lock_minutes, 15);
	ck_assert_int_eq(c.reauth_hours, 12);
	ck_assert_int_eq(c.lockout_attempts, 5);
	ck_assert_int_eq(c.lockout_window_minutes, 15);
	ck_assert_int_eq(c.password_min_single_factor, 15);
	ck_assert_int_eq(c.password_min_with_totp, 8);
	ck_assert_uint_eq(c.totp_required_roles, CONFIG_ROLE_LEAD | CONFIG_ROLE_ADMIN);
	ck_assert_int_eq(c.account_idle_disable_days, 90);
	ck_assert_int_eq(c.audit_retention_days, 365);
	ck_assert_int_eq(c.prea_retention_days, 3650);
	ck_assert(!c.allow_external_editor);
	ck_assert_str_eq(c.note_types, "contact,interview,counseling,collateral_contact,phone,"
				       "incident,program,release_planning,committee,other");
	/* SECURITY.md: what the system-use notice must say */
	ck_assert_ptr_nonnull(strstr(c.banner, "RESTRICTED GOVERNMENT SYSTEM"));
	ck_assert_ptr_nonnull(strstr(c.banner, "criminal justice"));
	ck_assert_ptr_nonnull(strstr(c.banner, "monitored, recorded and audited"));
	ck_assert_ptr_nonnull(strstr(c.banner, "prohibited and subject to criminal and civil"));
	ck_assert_ptr_nonnull(strstr(c.banner, "consent to monitoring"));
	ck_assert_uint_lt(strlen(c.banner), CONFIG_TEXT_SIZE);
	int lines = 1;
	size_t width = 0;
	for (const char *p = c.banner; *p; p++) {
		if (*p == '\n') {
			lines++;
			width = 0;
		} else {
			ck_assert_uint_le(++width, 80); /* ASCII: bytes are columns */
		}
	}
	ck_assert_int_ge(lines, 4);
}
END_TEST

START_TEST(describe_lists_every_setting)
{
	static const char *const keys[] = {
		"banner",
		"facility",
		"idle_lock_minutes",
		"reauth_hours",
		"lockout_attempts",
		"lockout_window_minutes",
		"password_min_single_factor",
		"password_min_with_totp",
		"totp_required_roles",
		"account_idle_disable_days",
		"audit_retention_days",
		"prea_retention_days",
		"allow_external_editor",
		"note_types",
		"qa_sample_percent",
		"forms_dir",
		"release_plan_file",
		"case_plan_domains",
		"case_plan_review_days",
		"review_due_days",
		"case_plan_review",
		"release_plan_review",
	};
	struct strbuf out;
	strbuf_init(&out);
	config_describe(&out);
	const char *p = out.buf;
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		const char *nl = strchr(p, '\n');
		ck_assert_ptr_nonnull(nl);
		char line[512];
		snprintf(line, sizeof line, "%.*s", (int)(nl - p), p);
		size_t k = strlen(keys[i]);
		ck_assert_msg(strncmp(line, keys[i], k) == 0 && line[k] == ' ', "line %zu: %s", i,
			      line);
		ck_assert_ptr_null(strchr(line, '\t'));
		if (strcmp(keys[i], "idle_lock_minutes") == 0) {
			ck_assert_ptr_nonnull(strstr(line, "  integer  "));
			ck_assert_ptr_nonnull(strstr(line, "  15  "));
			ck_assert_ptr_nonnull(strstr(line, "  1 to 30  "));
			ck_assert_ptr_nonnull(strstr(line, "screen locks"));
		}
		if (strcmp(keys[i], "totp_required_roles") == 0) {
			ck_assert_ptr_nonnull(strstr(line, "  role list  "));
			ck_assert_ptr_nonnull(strstr(line, "  [lead, admin]  "));
			ck_assert_ptr_nonnull(strstr(line, "  must include lead and admin  "));
		}
		if (strcmp(keys[i], "allow_external_editor") == 0) {
			ck_assert_ptr_nonnull(strstr(line, "  boolean  "));
			ck_assert_ptr_nonnull(strstr(line, "  false  "));
		}
		if (strcmp(keys[i], "banner") == 0)
			ck_assert_ptr_nonnull(strstr(line, "1 to 2047 bytes"));
		if (strcmp(keys[i], "case_plan_review") == 0) {
			ck_assert_ptr_nonnull(strstr(line, "  word  "));
			ck_assert_ptr_nonnull(strstr(line, "  required  "));
			ck_assert_ptr_nonnull(strstr(line, "  required, sampled or off  "));
		}
		if (strcmp(keys[i], "note_types") == 0) {
			ck_assert_ptr_nonnull(strstr(line, "  name list  "));
			static const char def[] = "  [contact, interview, counseling, "
						  "collateral_contact, phone, incident, program, "
						  "release_planning, committee, other]  ";
			static const char bounds[] = "  1 to 24 names of a-z, 0-9, _; must include "
						     "other  ";
			ck_assert_ptr_nonnull(strstr(line, def));
			ck_assert_ptr_nonnull(strstr(line, bounds));
		}
		p = nl + 1;
	}
	ck_assert_str_eq(p, ""); /* one line per setting, nothing more */
	strbuf_clear(&out);
}
END_TEST

/* ---- files that load ---------------------------------------------------------------------- */

START_TEST(full_file_sets_every_setting)
{
	char path[PATH_MAX];
	fixture_path(path, sizeof path, "valid_full.yaml");
	struct config c;
	scribble(&c);
	struct strbuf errors;
	strbuf_init(&errors);
	ck_assert_int_eq(config_load(path, false, &c, &errors), CL_OK);
	ck_assert_str_eq(errors.buf, "");
	ck_assert_str_eq(
		c.banner,
		"NOTICE: RESTRICTED GOVERNMENT SYSTEM\n"
		"This system holds criminal justice information. Authorized use only.\n"
		"Use may be monitored, recorded and audited.\n"
		"Unauthorized use is prohibited and subject to criminal and civil penalties.\n"
		"Using this system means you consent to monitoring.\n"
		"\tAvis : système réservé — données de justice pénale.\n");
	ck_assert_str_eq(c.facility, "Northside Correctional Center, Unit #2");
	ck_assert_int_eq(c.idle_lock_minutes, 10);
	ck_assert_int_eq(c.reauth_hours, 8);
	ck_assert_int_eq(c.lockout_attempts, 3);
	ck_assert_int_eq(c.lockout_window_minutes, 60);
	ck_assert_int_eq(c.password_min_single_factor, 20);
	ck_assert_int_eq(c.password_min_with_totp, 12);
	ck_assert_uint_eq(c.totp_required_roles,
			  CONFIG_ROLE_LEAD | CONFIG_ROLE_ADMIN | CONFIG_ROLE_CASEWORKER);
	ck_assert_int_eq(c.account_idle_disable_days, 45);
	ck_assert_int_eq(c.audit_retention_days, 2555);
	ck_assert_int_eq(c.prea_retention_days, 3650);
	ck_assert(c.allow_external_editor);
	ck_assert_str_eq(c.note_types, "interview,phone,other,use_of_force_2");
	strbuf_clear(&errors);
}
END_TEST

START_TEST(empty_files_mean_defaults)
{
	static const char *const names[] = {"empty.yaml", "only_marker.yaml"};
	struct strbuf errors;
	strbuf_init(&errors);
	struct config c;
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		char path[PATH_MAX];
		fixture_path(path, sizeof path, names[i]);
		scribble(&c);
		ck_assert_int_eq(config_load(path, false, &c, &errors), CL_OK);
		ck_assert_str_eq(errors.buf, "");
		assert_defaults(&c);
	}
	scribble(&c);
	ck_assert_int_eq(load_text("", &c, &errors, NULL), CL_OK);
	ck_assert_str_eq(errors.buf, "");
	assert_defaults(&c);
	strbuf_clear(&errors);
}
END_TEST

/* The shipped example documents every setting at its default, and must stay loadable. */
START_TEST(example_file_is_the_defaults)
{
	struct config c;
	scribble(&c);
	struct strbuf errors;
	strbuf_init(&errors);
	ck_assert_int_eq(config_load(CONFIG_EXAMPLE, false, &c, &errors), CL_OK);
	ck_assert_str_eq(errors.buf, "");
	assert_defaults(&c);
	/* and names every setting */
	size_t len;
	char *text = read_file(CONFIG_EXAMPLE, &len);
	struct strbuf out;
	strbuf_init(&out);
	config_describe(&out);
	for (const char *p = out.buf; *p;) {
		char key[64], line[80];
		size_t n = strcspn(p, " ");
		snprintf(key, sizeof key, "%.*s", (int)n, p);
		snprintf(line, sizeof line, "\n%s: ", key);
		ck_assert_msg(strstr(text, line) != NULL, "%s missing from the example", key);
		p = strchr(p, '\n') + 1;
	}
	free(text);
	strbuf_clear(&out);
	strbuf_clear(&errors);
}
END_TEST

START_TEST(missing_file_optional_or_required)
{
	char path[PATH_MAX];
	snprintf(path, sizeof path, "%s/absent.yaml", tmpdir);
	struct config c;
	struct strbuf errors;
	strbuf_init(&errors);

	scribble(&c);
	ck_assert_int_eq(config_load(path, true, &c, &errors), CL_OK);
	ck_assert_str_eq(errors.buf, "");
	assert_defaults(&c);

	scribble(&c);
	ck_assert_int_eq(config_load(path, false, &c, &errors), CL_ERR_NOTFOUND);
	char want[PATH_MAX + 64];
	snprintf(want, sizeof want, "%s: cannot open: %s\n", path, strerror(ENOENT));
	ck_assert_str_eq(errors.buf, want);
	assert_defaults(&c);

	/* a directory cannot be read: an error even when the file is optional */
	for (int optional = 0; optional <= 1; optional++) {
		strbuf_reset(&errors);
		scribble(&c);
		ck_assert_int_eq(config_load(tmpdir, optional, &c, &errors), CL_ERR_IO);
		snprintf(want, sizeof want, "%s: cannot read: %s\n", tmpdir, strerror(EISDIR));
		ck_assert_str_eq(errors.buf, want);
		assert_defaults(&c);
	}

	/* no read permission (root reads anyway, so only as another user) */
	if (geteuid() != 0) {
		write_file(path, "secret.yaml", "idle_lock_minutes: 5\n", 21);
		ck_assert_int_eq(chmod(path, 0), 0);
		for (int optional = 0; optional <= 1; optional++) {
			strbuf_reset(&errors);
			ck_assert_int_eq(config_load(path, optional, &c, &errors), CL_ERR_IO);
			snprintf(want, sizeof want, "%s: cannot open: %s\n", path,
				 strerror(EACCES));
			ck_assert_str_eq(errors.buf, want);
		}
	}

	/* errors may be NULL when only the verdict matters */
	ck_assert_int_eq(config_load(path, false, &c, NULL),
			 geteuid() != 0 ? CL_ERR_IO : CL_ERR_NOTFOUND);
	strbuf_clear(&errors);
}
END_TEST

START_TEST(booleans_take_yaml_1_1_spellings)
{
	static const char *const yes[] = {"true", "True", "TRUE", "yes", "Yes", "YES"};
	static const char *const no[] = {"false", "False", "FALSE", "no", "No", "NO"};
	struct config c;
	struct strbuf errors;
	strbuf_init(&errors);
	char text[128];
	for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++) {
		snprintf(text, sizeof text, "allow_external_editor: %s\n", yes[i]);
		ck_assert_int_eq(load_text(text, &c, &errors, NULL), CL_OK);
		ck_assert(c.allow_external_editor);
		snprintf(text, sizeof text, "allow_external_editor: %s\n", no[i]);
		ck_assert_int_eq(load_text(text, &c, &errors, NULL), CL_OK);
		ck_assert(!c.allow_external_editor);
	}
	ck_assert_str_eq(errors.buf, "");
	char path[PATH_MAX], want[PATH_MAX + 200];
	ck_assert_int_eq(load_text("allow_external_editor: 'yes'\n", &c, &errors, path),
			 CL_ERR_INVALID);
	snprintf(want, sizeof want,
		 "%s:1:24: allow_external_editor must be true or false, not the text \"yes\" "
		 "(remove the quotes)\n",
		 path);
	ck_assert_str_eq(errors.buf, want);
	strbuf_reset(&errors);
	ck_assert_int_eq(load_text("allow_external_editor: 1\n", &c, &errors, path),
			 CL_ERR_INVALID);
	snprintf(want, sizeof want,
		 "%s:1:24: allow_external_editor must be true or false, not \"1\"\n", path);
	ck_assert_str_eq(errors.buf, want);
	strbuf_clear(&errors);
}
END_TEST

START_TEST(review_modes_are_words)
{
	struct config c;
	struct strbuf errors;
	strbuf_init(&errors);
	ck_assert_int_eq(load_text("case_plan_review: sampled\nrelease_plan_review: off\n", &c,
				   &errors, NULL),
			 CL_OK);
	ck_assert_int_eq(c.case_plan_review, CONFIG_REVIEW_SAMPLED);
	ck_assert_int_eq(c.release_plan_review, CONFIG_REVIEW_OFF);
	struct strbuf dump;
	strbuf_init(&dump);
	config_dump(&c, &dump);
	ck_assert_ptr_nonnull(strstr(dump.buf, "\ncase_plan_review: sampled\n"));
	ck_assert_ptr_nonnull(strstr(dump.buf, "\nrelease_plan_review: off\n"));
	strbuf_clear(&dump);
	char path[PATH_MAX], want[PATH_MAX + 200];
	ck_assert_int_eq(load_text("\ncase_plan_review: always\n", &c, &errors, path),
			 CL_ERR_INVALID);
	snprintf(want, sizeof want,
		 "%s:2:19: case_plan_review must be required, sampled or off, not \"always\"\n",
		 path);
	ck_assert_str_eq(errors.buf, want);
	ck_assert_int_eq(c.case_plan_review, CONFIG_REVIEW_REQUIRED); /* the defaults */
	strbuf_reset(&errors);
	ck_assert_int_eq(load_text("release_plan_review: [off]\n", &c, &errors, path),
			 CL_ERR_INVALID);
	snprintf(want, sizeof want,
		 "%s:1:22: release_plan_review must be required, sampled or off, not a list\n",
		 path);
	ck_assert_str_eq(errors.buf, want);
	strbuf_clear(&errors);
}
END_TEST

START_TEST(role_lists_in_any_form)
{
	struct config c;
	struct strbuf errors;
	strbuf_init(&errors);
	ck_assert_int_eq(
		load_text("totp_required_roles: [admin, lead, admin]\n", &c, &errors, NULL), CL_OK);
	ck_assert_uint_eq(c.totp_required_roles, CONFIG_ROLE_LEAD | CONFIG_ROLE_ADMIN);
	ck_assert_int_eq(load_text("totp_required_roles:\n- intern\n- caseworker\n- lead\n"
				   "- admin\n- auditor\n",
				   &c, &errors, NULL),
			 CL_OK);
	ck_assert_uint_eq(c.totp_required_roles, CONFIG_ROLE_INTERN | CONFIG_ROLE_CASEWORKER |
						     CONFIG_ROLE_LEAD | CONFIG_ROLE_ADMIN |
						     CONFIG_ROLE_AUDITOR);
	ck_assert_str_eq(errors.buf, "");
	strbuf_clear(&errors);
}
END_TEST

START_TEST(note_type_defaults_and_helpers)
{
	static const char *const names[] = {
		"contact", "interview", "counseling", "collateral_contact", "phone",
		"incident", "program", "release_planning", "committee", "other",
	};
	struct config c;
	scribble(&c);
	config_defaults(&c);
	ck_assert_uint_eq(config_note_type_count(&c), 10);
	char name[CONFIG_NOTE_TYPE_NAME_SIZE];
	for (size_t i = 0; i < 10; i++) {
		ck_assert(config_note_type(&c, i, name, sizeof name));
		ck_assert_str_eq(name, names[i]);
		ck_assert(config_note_type_valid(&c, names[i]));
	}
	/* past the end, and a buffer too small: false with the buffer emptied */
	strcpy(name, "junk");
	ck_assert(!config_note_type(&c, 10, name, sizeof name));
	ck_assert_str_eq(name, "");
	strcpy(name, "junk");
	ck_assert(!config_note_type(&c, 3, name, strlen("collateral_contact")));
	ck_assert_str_eq(name, "");
	ck_assert(config_note_type(&c, 3, name, strlen("collateral_contact") + 1));
	ck_assert_str_eq(name, "collateral_contact");
	ck_assert(!config_note_type(&c, 0, name, 0));
	/* only whole names, exactly */
	ck_assert(!config_note_type_valid(&c, "Phone"));
	ck_assert(!config_note_type_valid(&c, "phone "));
	ck_assert(!config_note_type_valid(&c, "phon"));
	ck_assert(!config_note_type_valid(&c, "contact,interview"));
	ck_assert(!config_note_type_valid(&c, ","));
	ck_assert(!config_note_type_valid(&c, ""));
	ck_assert(!config_note_type_valid(&c, NULL));
	/* an empty list (no load or default makes one) has no types, not one empty type */
	c.note_types[0] = '\0';
	ck_assert_uint_eq(config_note_type_count(&c), 0);
	ck_assert(!config_note_type(&c, 0, name, sizeof name));
	ck_assert(!config_note_type_valid(&c, ""));
	/* a field filled by hand without a terminator is read no further than its end */
	memset(c.note_types, 'a', sizeof c.note_types);
	ck_assert_uint_eq(config_note_type_count(&c), 1);
	ck_assert(!config_note_type(&c, 0, name, sizeof name));
}
END_TEST

START_TEST(case_plan_settings)
{
	struct config c;
	struct strbuf errors;
	strbuf_init(&errors);
	config_defaults(&c);
	ck_assert_int_eq(c.case_plan_review_days, 90);
	ck_assert_uint_eq(config_plan_domain_count(&c), 4);
	char name[CONFIG_NOTE_TYPE_NAME_SIZE];
	ck_assert(config_plan_domain(&c, 3, name, sizeof name));
	ck_assert_str_eq(name, "other");
	ck_assert(config_plan_domain_valid(&c, "housing"));
	ck_assert(!config_plan_domain_valid(&c, "hous"));
	ck_assert_int_eq(load_text("case_plan_domains: [housing, victim_safety, other]\n"
				   "case_plan_review_days: 30\n",
				   &c, &errors, NULL),
			 CL_OK);
	ck_assert_uint_eq(config_plan_domain_count(&c), 3);
	ck_assert(config_plan_domain_valid(&c, "victim_safety"));
	ck_assert_int_eq(c.case_plan_review_days, 30);
	/* the cadence is bounded; "other" may not be left out */
	ck_assert_int_eq(load_text("case_plan_review_days: 366\n", &c, &errors, NULL),
			 CL_ERR_INVALID);
	ck_assert_int_eq(load_text("case_plan_review_days: 29\n", &c, &errors, NULL),
			 CL_ERR_INVALID);
	ck_assert_int_eq(load_text("case_plan_domains: [housing]\n", &c, &errors, NULL),
			 CL_ERR_INVALID);
	strbuf_clear(&errors);
}
END_TEST

START_TEST(note_type_lists_in_any_form)
{
	struct config c;
	struct strbuf errors, text;
	strbuf_init(&errors);
	strbuf_init(&text);
	ck_assert_int_eq(load_text("note_types: [other]\n", &c, &errors, NULL), CL_OK);
	ck_assert_str_eq(c.note_types, "other");
	ck_assert_uint_eq(config_note_type_count(&c), 1);
	/* block or flow, quoted or not; the order is kept as written */
	ck_assert_int_eq(load_text("note_types:\n- visit\n- 'other'\n- \"a1\"\n- 2nd_visit\n",
				   &c, &errors, NULL),
			 CL_OK);
	ck_assert_str_eq(c.note_types, "visit,other,a1,2nd_visit");
	ck_assert_uint_eq(config_note_type_count(&c), 4);
	ck_assert(config_note_type_valid(&c, "2nd_visit"));
	ck_assert(!config_note_type_valid(&c, "contact"));
	/* the other settings keep their defaults */
	struct config d;
	config_defaults(&d);
	snprintf(d.note_types, sizeof d.note_types, "%s", c.note_types);
	assert_same(&c, &d);
	/* the most the rules allow: 24 names, 23 of them 24 characters long */
	strbuf_puts(&text, "note_types: [other");
	for (int i = 0; i < 23; i++)
		strbuf_printf(&text, ", type_%02d_abcdefghijklmnop", i);
	strbuf_puts(&text, "]\n");
	ck_assert_int_eq(load_text(text.buf, &c, &errors, NULL), CL_OK);
	ck_assert_uint_eq(config_note_type_count(&c), 24);
	char name[CONFIG_NOTE_TYPE_NAME_SIZE];
	ck_assert(config_note_type(&c, 23, name, sizeof name));
	ck_assert_str_eq(name, "type_22_abcdefghijklmnop");
	ck_assert_uint_eq(strlen(c.note_types), 5 + 23 * 25);
	ck_assert_str_eq(errors.buf, "");
	strbuf_clear(&text);
	strbuf_clear(&errors);
}
END_TEST

/* ---- each kind of error, with its exact text ---------------------------------------------- */

START_TEST(syntax_errors)
{
	expect_fixture("syntax_error.yaml",
		       "3:1: syntax error: found unexpected end of stream (while scanning a quoted "
		       "scalar that starts at line 1, column 11)");
	/* what came before the syntax error is still checked */
	expect_fixture("syntax_indent.yaml",
		       "2:15: reauth_hours must be a whole number, not \"8 lockout_attempts\"\n"
		       "3:18: syntax error: mapping values are not allowed in this context");
}
END_TEST

START_TEST(top_level_must_be_a_mapping)
{
	expect_fixture("not_mapping.yaml", "2:1: the file must be a mapping of settings (lines of "
					   "key: value), not a list");
	expect_fixture("scalar_root.yaml", "1:1: the file must be a mapping of settings (lines of "
					   "key: value), not a single value");
	expect_fixture("two_documents.yaml",
		       "2:1: a second document starts here; the configuration is one document");
}
END_TEST

START_TEST(unknown_keys_with_suggestions)
{
	expect_fixture(
		"unknown_key.yaml",
		"1:1: unknown setting 'idle_lock_minute' (did you mean 'idle_lock_minutes'?)\n"
		"2:1: unknown setting 'Reauth-Hours' (did you mean 'reauth_hours'?)\n"
		"3:1: unknown setting 'colour'");
	struct config c;
	struct strbuf errors;
	strbuf_init(&errors);
	char path[PATH_MAX], want[PATH_MAX + 100];
	ck_assert_int_eq(load_text("\"\": 5\n", &c, &errors, path), CL_ERR_INVALID);
	snprintf(want, sizeof want, "%s:1:1: a setting name is missing before ':'\n", path);
	ck_assert_str_eq(errors.buf, want);
	strbuf_clear(&errors);
}
END_TEST

START_TEST(duplicate_keys)
{
	expect_fixture("duplicate_key.yaml",
		       "3:1: duplicate setting 'idle_lock_minutes' (first set "
		       "at line 1, column 1)");
}
END_TEST

START_TEST(wrong_types)
{
	expect_fixture(
		"wrong_type.yaml",
		"1:20: idle_lock_minutes must be a whole number, not \"fifteen\"\n"
		"2:15: reauth_hours must be a whole number, not the text \"8\" (remove the "
		"quotes)\n"
		"3:19: lockout_attempts must be a whole number, not a list\n"
		"4:11: facility must be text, not a mapping\n"
		"5:24: allow_external_editor must be true or false, not \"maybe\"\n"
		"6:22: totp_required_roles must be a list of roles such as [lead, admin], not a "
		"mapping\n"
		"7:25: password_min_with_totp must be written without leading zeros, not \"010\"\n"
		"8:9: banner must be text, not a list");
	expect_fixture(
		"no_value.yaml",
		"1:10: facility has no value; give text, or remove the line to keep the "
		"default\n"
		"2:9: banner must not be empty; the system-use notice is shown before sign-in\n"
		"3:20: idle_lock_minutes has no value; give a whole number, or remove the line "
		"to keep the default");
}
END_TEST

START_TEST(integers_out_of_bounds)
{
	expect_fixture("out_of_bounds.yaml", "1:20: idle_lock_minutes is 45; allowed 1 to 30 (may "
					     "only be made stricter than the default 15)");
}
END_TEST

START_TEST(role_lists_checked)
{
	expect_fixture("unknown_role.yaml",
		       "1:36: unknown role 'warden' in totp_required_roles; the roles are intern, "
		       "caseworker, lead, admin and auditor\n"
		       "1:44: unknown role 'Auditor' in totp_required_roles (did you mean "
		       "'auditor'?)");
	expect_fixture(
		"roles_missing.yaml",
		"2:3: totp_required_roles must include lead and admin; admin is missing (roles "
		"may only be added)");
	struct config c;
	struct strbuf errors;
	strbuf_init(&errors);
	char path[PATH_MAX], want[PATH_MAX + 200];
	ck_assert_int_eq(load_text("totp_required_roles: []\n", &c, &errors, path), CL_ERR_INVALID);
	snprintf(want, sizeof want,
		 "%s:1:22: totp_required_roles must include lead and admin; lead and admin are "
		 "missing (roles may only be added)\n",
		 path);
	ck_assert_str_eq(errors.buf, want);
	strbuf_reset(&errors);
	ck_assert_int_eq(load_text("totp_required_roles: [lead, [admin]]\n", &c, &errors, path),
			 CL_ERR_INVALID);
	snprintf(want, sizeof want,
		 "%s:1:29: each entry of totp_required_roles must be a role name, not a list\n",
		 path);
	ck_assert_str_eq(errors.buf, want);
	strbuf_reset(&errors);
	ck_assert_int_eq(load_text("totp_required_roles: lead\n", &c, &errors, path),
			 CL_ERR_INVALID);
	snprintf(
		want, sizeof want,
		"%s:1:22: totp_required_roles must be a list of roles such as [lead, admin], not a "
		"single value\n",
		path);
	ck_assert_str_eq(errors.buf, want);
	strbuf_clear(&errors);
}
END_TEST

START_TEST(note_type_lists_checked)
{
	/* every entry on its own, in file order; the list as a whole waits until they pass */
	expect_fixture(
		"note_types_bad.yaml",
		"4:5: invalid type name 'Phone call' in note_types: use a-z, 0-9 and _\n"
		"5:5: invalid type name 'x' in note_types: use 2 to 24 characters\n"
		"7:5: invalid type name 'a_type_name_far_too_long_to_be_one' in note_types: use "
		"2 to 24 characters\n"
		"8:5: duplicate type name 'contact' in note_types (first listed at line 3, column "
		"5)\n"
		"9:5: each entry of note_types must be a type name, not a list\n"
		"10:5: invalid type name 'Other' in note_types: use a-z, 0-9 and _");
	expect_fixture("note_types_no_other.yaml", "1:13: note_types must include other");

	struct config c;
	struct strbuf errors, text;
	strbuf_init(&errors);
	strbuf_init(&text);
	char path[PATH_MAX], want[PATH_MAX + 200];
	static const struct {
		const char *text, *message;
	} cases[] = {
		{"note_types: []\n", "1:13: note_types must include other"},
		{"note_types: other\n",
		 "1:13: note_types must be a list of type names such as [contact, other], not a "
		 "single value"},
		{"note_types: {other: 1}\n",
		 "1:13: note_types must be a list of type names such as [contact, other], not a "
		 "mapping"},
		{"note_types:\n",
		 "1:12: note_types has no value; give a list of type names such as [contact, "
		 "other], or remove the line to keep the default"},
		{"note_types: [other, \"\"]\n",
		 "1:21: invalid type name '' in note_types: use 2 to 24 characters"},
		{"note_types: [other, a-b, \"c,d\", \"caf\u00e9\"]\n",
		 "1:21: invalid type name 'a-b' in note_types: use a-z, 0-9 and _\n"
		 "1:26: invalid type name 'c,d' in note_types: use a-z, 0-9 and _\n"
		 "1:33: invalid type name 'café' in note_types: use a-z, 0-9 and _"},
		{"note_types: [other, phone, phone, other]\n",
		 "1:28: duplicate type name 'phone' in note_types (first listed at line 1, column "
		 "21)\n"
		 "1:35: duplicate type name 'other' in note_types (first listed at line 1, column "
		 "14)"},
		{"note_types: [other, \"bad\\e[2Jname\"]\n",
		 "1:21: invalid type name 'bad^[[2Jname' in note_types: use a-z, 0-9 and _"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		strbuf_reset(&errors);
		scribble(&c);
		ck_assert_int_eq(load_text(cases[i].text, &c, &errors, path), CL_ERR_INVALID);
		strbuf_reset(&text);
		for (const char *p = cases[i].message; *p;) {
			const char *nl = strchr(p, '\n');
			size_t n = nl ? (size_t)(nl - p) : strlen(p);
			strbuf_printf(&text, "%s:%.*s\n", path, (int)n, p);
			p += n + (nl != NULL);
		}
		ck_assert_str_eq(errors.buf, text.buf);
		assert_defaults(&c);
	}

	/* 25 names (a 24-character one is fine, 25 characters is not) */
	strbuf_reset(&text);
	strbuf_reset(&errors);
	strbuf_puts(&text, "note_types: [other");
	for (int i = 0; i < 24; i++)
		strbuf_printf(&text, ", type_%02d", i);
	strbuf_puts(&text, "]\n");
	ck_assert_int_eq(load_text(text.buf, &c, &errors, path), CL_ERR_INVALID);
	snprintf(want, sizeof want, "%s:1:13: note_types has 25 type names; at most 24 allowed\n",
		 path);
	ck_assert_str_eq(errors.buf, want);
	assert_defaults(&c);
	strbuf_reset(&errors);
	ck_assert_int_eq(load_text("note_types: [other, abcdefghijklmnopqrstuvwx]\n", &c, &errors,
				   NULL),
			 CL_OK);
	ck_assert_int_eq(load_text("note_types: [other, abcdefghijklmnopqrstuvwxy]\n", &c, &errors,
				   path),
			 CL_ERR_INVALID);
	snprintf(want, sizeof want,
		 "%s:1:21: invalid type name 'abcdefghijklmnopqrstuvwxy' in note_types: use 2 to "
		 "24 characters\n",
		 path);
	ck_assert_str_eq(errors.buf, want);
	/* too many, and other missing too: both said */
	strbuf_reset(&text);
	strbuf_reset(&errors);
	strbuf_puts(&text, "note_types:\n");
	for (int i = 0; i < 30; i++)
		strbuf_printf(&text, "  - t%02d\n", i);
	ck_assert_int_eq(load_text(text.buf, &c, &errors, path), CL_ERR_INVALID);
	snprintf(want, sizeof want,
		 "%s:2:3: note_types has 30 type names; at most 24 allowed\n"
		 "%s:2:3: note_types must include other\n",
		 path, path);
	ck_assert_str_eq(errors.buf, want);
	strbuf_clear(&text);
	strbuf_clear(&errors);
}
END_TEST

START_TEST(control_characters_and_bad_text)
{
	/* escapes in quoted text reach past libyaml's own check of the file's bytes */
	expect_fixture(
		"control_escape.yaml",
		"1:11: facility contains U+001B, a control or formatting character; it may "
		"hold only printable text\n"
		"2:9: banner contains U+202E, a control or formatting character; it may hold "
		"only printable text, line breaks and tabs");
	expect_fixture("raw_control.yaml",
		       "2:16: not valid text: control characters are not allowed (U+001B)");
	expect_fixture("non_utf8.yaml",
		       "2:14: not valid UTF-8 text: invalid trailing UTF-8 octet (byte 0x20)");
	expect_fixture("utf16.yaml", "1:1: not valid UTF-8 text: invalid leading UTF-8 octet (byte "
				     "0xFF)");
	/* a tab is fine in the banner, not in the facility name */
	struct config c;
	struct strbuf errors;
	strbuf_init(&errors);
	char path[PATH_MAX], want[PATH_MAX + 200];
	ck_assert_int_eq(
		load_text("banner: \"a\\tb\\nc\"\nfacility: \"a\\tb\"\n", &c, &errors, path),
		CL_ERR_INVALID);
	snprintf(
		want, sizeof want,
		"%s:2:11: facility contains U+0009, a control or formatting character; it may hold "
		"only printable text\n",
		path);
	ck_assert_str_eq(errors.buf, want);
	strbuf_reset(&errors);
	ck_assert_int_eq(load_text("facility: \"a\\0b\"\n", &c, &errors, path), CL_ERR_INVALID);
	snprintf(
		want, sizeof want,
		"%s:1:11: facility contains U+0000, a control or formatting character; it may hold "
		"only printable text\n",
		path);
	ck_assert_str_eq(errors.buf, want);
	strbuf_reset(&errors);
	/* the echo of a hostile key cannot drive the terminal */
	ck_assert_int_eq(load_text("\"\\e]0;owned\\a\": 1\n", &c, &errors, path), CL_ERR_INVALID);
	snprintf(want, sizeof want, "%s:1:1: unknown setting '^[]0;owned^G'\n", path);
	ck_assert_str_eq(errors.buf, want);
	strbuf_clear(&errors);
}
END_TEST

START_TEST(aliases_and_tags_refused)
{
	expect_fixture("alias.yaml", "2:15: aliases (*short) are not allowed in the configuration; "
				     "write the value out");
	/* said once; the rest of the file is still checked */
	expect_fixture(
		"billion_laughs.yaml",
		"1:1: unknown setting 'a'\n"
		"2:1: unknown setting 'b'\n"
		"2:8: aliases (*a) are not allowed in the configuration; write the value out\n"
		"3:1: unknown setting 'c'\n"
		"4:1: unknown setting 'd'");
	expect_fixture("tag.yaml", "1:11: tags (!include) are not allowed in the configuration");
}
END_TEST

START_TEST(several_errors_all_reported)
{
	expect_fixture(
		"multiple_errors.yaml",
		"2:20: idle_lock_minutes is 45; allowed 1 to 30 (may only be made stricter than "
		"the default 15)\n"
		"4:1: unknown setting 'lockout_atempts' (did you mean 'lockout_attempts'?)\n"
		"5:29: password_min_single_factor is 12; allowed 15 to 64 (may only be made "
		"stricter than the default 15)\n"
		"6:22: totp_required_roles must include lead and admin; admin is missing (roles "
		"may only be added)\n"
		"7:24: allow_external_editor must be true or false, not \"perhaps\"\n"
		"8:1: duplicate setting 'reauth_hours' (first set at line 3, column 1)\n"
		"9:11: facility contains U+0007, a control or formatting character; it may "
		"hold only printable text");
}
END_TEST

START_TEST(too_many_errors_stop)
{
	struct strbuf text;
	strbuf_init(&text);
	for (int i = 0; i < 80; i++)
		strbuf_printf(&text, "no_such_setting_%d: 1\n", i);
	struct config c;
	struct strbuf errors;
	strbuf_init(&errors);
	char path[PATH_MAX];
	ck_assert_int_eq(load_text(text.buf, &c, &errors, path), CL_ERR_INVALID);
	ck_assert(all_positioned(path, errors.buf, 80));
	int lines = 0;
	for (const char *p = errors.buf; (p = strchr(p, '\n')) != NULL; p++)
		lines++;
	ck_assert_int_eq(lines, 51);
	char want[PATH_MAX + 100];
	snprintf(want, sizeof want, "%s:51:1: too many problems; fix the ones above first\n", path);
	ck_assert_str_eq(errors.buf + errors.len - strlen(want), want);
	strbuf_clear(&errors);
	strbuf_clear(&text);
}
END_TEST

/* ---- bounds ------------------------------------------------------------------------------- */

static const struct {
	const char *key;
	long min, max, def;
	size_t offset;
} int_settings[] = {
	{"idle_lock_minutes", 1, 30, 15, offsetof(struct config, idle_lock_minutes)},
	{"reauth_hours", 1, 12, 12, offsetof(struct config, reauth_hours)},
	{"lockout_attempts", 1, 5, 5, offsetof(struct config, lockout_attempts)},
	{"lockout_window_minutes", 15, 1440, 15, offsetof(struct config, lockout_window_minutes)},
	{"password_min_single_factor", 15, 64, 15,
	 offsetof(struct config, password_min_single_factor)},
	{"password_min_with_totp", 8, 64, 8, offsetof(struct config, password_min_with_totp)},
	{"account_idle_disable_days", 1, 90, 90,
	 offsetof(struct config, account_idle_disable_days)},
	{"audit_retention_days", 365, 36500, 365, offsetof(struct config, audit_retention_days)},
	{"prea_retention_days", 3650, 36500, 3650, offsetof(struct config, prea_retention_days)},
};

START_TEST(bounds_inclusive_at_both_edges)
{
	struct config c;
	struct strbuf errors;
	strbuf_init(&errors);
	char text[128], path[PATH_MAX], want[PATH_MAX + 200];
	for (size_t i = 0; i < sizeof int_settings / sizeof int_settings[0]; i++) {
		const char *key = int_settings[i].key;
		long edges[2] = {int_settings[i].min, int_settings[i].max};
		for (int e = 0; e < 2; e++) {
			snprintf(text, sizeof text, "%s: %ld\n", key, edges[e]);
			ck_assert_int_eq(load_text(text, &c, &errors, NULL), CL_OK);
			ck_assert_str_eq(errors.buf, "");
			ck_assert_int_eq(*(int *)((char *)&c + int_settings[i].offset), edges[e]);
		}
		long outside[2] = {int_settings[i].min - 1, int_settings[i].max + 1};
		for (int e = 0; e < 2; e++) {
			strbuf_reset(&errors);
			snprintf(text, sizeof text, "%s: %ld\n", key, outside[e]);
			ck_assert_int_eq(load_text(text, &c, &errors, path), CL_ERR_INVALID);
			snprintf(want, sizeof want,
				 "%s:1:%zu: %s is %ld; allowed %ld to %ld (may only be made "
				 "stricter than the default %ld)\n",
				 path, strlen(key) + 3, key, outside[e], int_settings[i].min,
				 int_settings[i].max, int_settings[i].def);
			ck_assert_str_eq(errors.buf, want);
			assert_defaults(&c);
		}
		strbuf_reset(&errors);
	}
	/* far outside, and past what any integer holds */
	ck_assert_int_eq(
		load_text("idle_lock_minutes: -99999999999999999999999\n", &c, &errors, path),
		CL_ERR_INVALID);
	snprintf(
		want, sizeof want,
		"%s:1:20: idle_lock_minutes is -99999999999999999999999; allowed 1 to 30 (may only "
		"be made stricter than the default 15)\n",
		path);
	ck_assert_str_eq(errors.buf, want);
	strbuf_reset(&errors);
	ck_assert_int_eq(load_text("idle_lock_minutes: +7\n", &c, &errors, NULL), CL_OK);
	ck_assert_int_eq(c.idle_lock_minutes, 7);
	ck_assert_int_eq(load_text("idle_lock_minutes: 0x1E\n", &c, &errors, path), CL_ERR_INVALID);
	snprintf(want, sizeof want,
		 "%s:1:20: idle_lock_minutes must be a whole number, not \"0x1E\"\n", path);
	ck_assert_str_eq(errors.buf, want);
	strbuf_clear(&errors);
}
END_TEST

START_TEST(text_lengths_at_both_edges)
{
	struct config c;
	struct strbuf errors, text;
	strbuf_init(&errors);
	strbuf_init(&text);
	char path[PATH_MAX], want[PATH_MAX + 200];
	static const struct {
		const char *key;
		size_t max;
	} texts[] = {{"banner", CONFIG_TEXT_SIZE - 1}, {"facility", 127}};
	for (size_t i = 0; i < 2; i++) {
		/* the longest allowed, made of two-byte characters plus one ASCII when odd */
		strbuf_reset(&text);
		strbuf_printf(&text, "%s: ", texts[i].key);
		for (size_t n = 0; n + 2 <= texts[i].max; n += 2)
			strbuf_puts(&text, "é");
		if (texts[i].max % 2)
			strbuf_putc(&text, 'x');
		strbuf_putc(&text, '\n');
		ck_assert_int_eq(load_text(text.buf, &c, &errors, NULL), CL_OK);
		ck_assert_str_eq(errors.buf, "");
		const char *got = i == 0 ? c.banner : c.facility;
		ck_assert_uint_eq(strlen(got), texts[i].max);
		/* one byte more */
		text.buf[text.len - 1] = 'y';
		strbuf_putc(&text, '\n');
		ck_assert_int_eq(load_text(text.buf, &c, &errors, path), CL_ERR_INVALID);
		snprintf(want, sizeof want, "%s:1:%zu: %s is %zu bytes long; at most %zu allowed\n",
			 path, strlen(texts[i].key) + 3, texts[i].key, texts[i].max + 1,
			 texts[i].max);
		ck_assert_str_eq(errors.buf, want);
		strbuf_reset(&errors);
	}
	strbuf_clear(&text);
	strbuf_clear(&errors);
}
END_TEST

/* ---- dump --------------------------------------------------------------------------------- */

/* dump -> file -> load gives the same settings, and dumping again the same text */
static void assert_round_trip(const struct config *c)
{
	struct strbuf out, errors;
	strbuf_init(&out);
	strbuf_init(&errors);
	config_dump(c, &out);
	struct config back;
	scribble(&back);
	char path[PATH_MAX];
	write_file(path, "dump.yaml", out.buf, out.len);
	ck_assert_msg(config_load(path, false, &back, &errors) == CL_OK, "%s\n---\n%s", errors.buf,
		      out.buf);
	assert_same(c, &back);
	struct strbuf again;
	strbuf_init(&again);
	config_dump(&back, &again);
	ck_assert_str_eq(again.buf, out.buf);
	strbuf_clear(&again);
	strbuf_clear(&errors);
	strbuf_clear(&out);
}

START_TEST(dump_reads_back_identically)
{
	struct config c;
	config_defaults(&c);
	assert_round_trip(&c);

	char path[PATH_MAX];
	fixture_path(path, sizeof path, "valid_full.yaml");
	struct strbuf out, errors;
	strbuf_init(&out);
	strbuf_init(&errors);
	ck_assert_int_eq(config_load(path, false, &c, &errors), CL_OK);
	assert_round_trip(&c);
	config_dump(&c, &out);
	/* the banner as a literal block, every setting once */
	ck_assert_ptr_nonnull(strstr(out.buf, "\nbanner: |\n  NOTICE: RESTRICTED GOVERNMENT "
					      "SYSTEM\n"));
	ck_assert_ptr_nonnull(strstr(out.buf, "\n  \tAvis : système"));
	ck_assert_ptr_nonnull(strstr(out.buf, "\nidle_lock_minutes: 10\n"));
	ck_assert_ptr_nonnull(
		strstr(out.buf, "\ntotp_required_roles: [caseworker, lead, admin]\n"));
	ck_assert_ptr_nonnull(strstr(out.buf, "\nallow_external_editor: true\n"));
	ck_assert_ptr_nonnull(
		strstr(out.buf, "\nnote_types: [interview, phone, other, use_of_force_2]\n"));
	config_defaults(&c);
	strbuf_reset(&out);
	config_dump(&c, &out);
	ck_assert_ptr_nonnull(
		strstr(out.buf, "\nnote_types: [contact, interview, counseling, "
				"collateral_contact, phone, incident, program, release_planning, "
				"committee, other]\n"));

	/* banners that a literal block scalar must be careful with */
	static const char *const banners[] = {
		"one line",
		"one line\n",
		"two\nlines\n\n",
		"three trailing\n\n\n",
		"\n\nleading empty lines",
		"  indented first line\nsecond",
		"\tfirst line starts with a tab",
		"\n   \nspaces-only line before the text",
		"trailing spaces   \n   \nend  ",
		"last line only spaces\n   ",
		"# not a comment\n---\n...\nkey: value\n- item\n&anchor *alias !tag",
		"quotes ' \" and backslash \\ and colon: here",
		"Unicode: Nguyễn, 李小龍, Ωμέγα — «guillemets»",
		"tab\tinside\n\tand leading\n\t",
		"|\n>\n",
	};
	for (size_t i = 0; i < sizeof banners / sizeof banners[0]; i++) {
		config_defaults(&c);
		snprintf(c.banner, sizeof c.banner, "%s", banners[i]);
		assert_round_trip(&c);
	}
	static const char *const facilities[] = {
		"He said \"hi\" \\ back#slash: yes",
		"Unité Nord — 李",
		"- [not, a list]",
		"'",
		"~",
		"null",
		"123",
		"yes",
		" padded ",
	};
	for (size_t i = 0; i < sizeof facilities / sizeof facilities[0]; i++) {
		config_defaults(&c);
		snprintf(c.facility, sizeof c.facility, "%s", facilities[i]);
		assert_round_trip(&c);
	}
	/* names other YAML readers would take for booleans, nulls or numbers are quoted */
	static const struct {
		const char *types, *dumped;
	} note_types[] = {
		{"other", "[other]"},
		{"yes,no,on,off,true,false,null,other", "[\"yes\", \"no\", \"on\", \"off\", "
							  "\"true\", \"false\", \"null\", other]"},
		{"123,1_000,0x1f,1e5,_x,other,no2,yesno",
		 "[\"123\", \"1_000\", \"0x1f\", \"1e5\", \"_x\", other, no2, yesno]"},
	};
	for (size_t i = 0; i < sizeof note_types / sizeof note_types[0]; i++) {
		config_defaults(&c);
		snprintf(c.note_types, sizeof c.note_types, "%s", note_types[i].types);
		assert_round_trip(&c);
		strbuf_reset(&out);
		config_dump(&c, &out);
		char line[256];
		snprintf(line, sizeof line, "\nnote_types: %s\n", note_types[i].dumped);
		ck_assert_msg(strstr(out.buf, line) != NULL, "%s", out.buf);
	}
	for (unsigned roles = 0; roles < 32; roles++) {
		if ((roles & (CONFIG_ROLE_LEAD | CONFIG_ROLE_ADMIN)) !=
			(CONFIG_ROLE_LEAD | CONFIG_ROLE_ADMIN))
			continue;
		config_defaults(&c);
		c.totp_required_roles = roles;
		assert_round_trip(&c);
	}

	/* text no file could hold still dumps without raw control bytes */
	config_defaults(&c);
	snprintf(c.banner, sizeof c.banner, "%s", "evil\033[2J\r\nline");
	snprintf(c.facility, sizeof c.facility, "%s", "x\033]0;t\a\xff");
	snprintf(c.note_types, sizeof c.note_types, "%s", ",a\033b,\r,other,");
	strbuf_reset(&out);
	config_dump(&c, &out);
	for (size_t i = 0; i < out.len; i++) {
		unsigned char ch = (unsigned char)out.buf[i];
		ck_assert_msg(ch >= 0x20 || ch == '\n', "raw byte 0x%02X in dump", ch);
	}
	ck_assert_ptr_nonnull(strstr(out.buf, "\nbanner: \"evil\\x1B[2J\\x0D\\nline\"\n"));
	ck_assert_ptr_nonnull(strstr(out.buf, "\nfacility: \"x\\x1B]0;t\\x07\\uFFFD\"\n"));
	ck_assert_ptr_nonnull(
		strstr(out.buf, "\nnote_types: [\"\", \"a\\x1Bb\", \"\\x0D\", other, \"\"]\n"));
	/* nor past the end of a field filled by hand without its terminator */
	memset(c.note_types, 'z', sizeof c.note_types);
	strbuf_reset(&out);
	config_dump(&c, &out);
	ck_assert_ptr_nonnull(strstr(out.buf, "\nnote_types: [zzz"));
	ck_assert_ptr_nonnull(strstr(out.buf, "zzz]\n"));
	strbuf_clear(&errors);
	strbuf_clear(&out);
}
END_TEST

/* ---- robustness --------------------------------------------------------------------------- */

static unsigned long count_lines(const char *s, size_t len)
{
	unsigned long n = 1;
	for (size_t i = 0; i < len; i++)
		n += s[i] == '\n';
	return n;
}

/* Loads data (len bytes) and checks the outcome is sane: success without messages, or
 * failure with every message positioned inside the file. */
static void assert_sane(const char *data, size_t len)
{
	char path[PATH_MAX];
	write_file(path, "fuzz.yaml", data, len);
	struct config c;
	struct strbuf errors;
	strbuf_init(&errors);
	enum cl_status st = config_load(path, false, &c, &errors);
	if (st == CL_OK) {
		ck_assert_str_eq(errors.buf, "");
	} else {
		ck_assert_msg(st == CL_ERR_INVALID, "status %d for %zu bytes", st, len);
		ck_assert_msg(all_positioned(path, errors.buf, count_lines(data, len) + 1),
			      "unpositioned message for %zu bytes:\n%s", len, errors.buf);
		assert_defaults(&c);
	}
	strbuf_clear(&errors);
}

START_TEST(truncated_prefixes_never_crash)
{
	char path[PATH_MAX];
	fixture_path(path, sizeof path, "valid_full.yaml");
	size_t len;
	char *full = read_file(path, &len);
	int ok = 0;
	for (size_t n = 0; n <= len; n++) {
		assert_sane(full, n);
		struct config c;
		char tpath[PATH_MAX];
		write_file(tpath, "fuzz.yaml", full, n);
		ok += config_load(tpath, false, &c, NULL) == CL_OK;
	}
	/* cut inside "é", "—" and the like, and at line ends: both outcomes happen */
	ck_assert_int_gt(ok, 0);
	ck_assert_int_lt(ok, (int)len);
	free(full);
}
END_TEST

START_TEST(mutated_bytes_never_crash)
{
	static const char nasty[] = {
		'\0', '\xff', '\xc3', ':', '"', '\'', '[', '{', '&', '*',
		'!', '|', '\n', '\t', '#', '-', ' ', '\\', '%', '@',
	};
	char path[PATH_MAX];
	fixture_path(path, sizeof path, "valid_full.yaml");
	size_t len;
	char *full = read_file(path, &len);
	char *copy = malloc(len);
	ck_assert_ptr_nonnull(copy);
	for (size_t i = 0; i < len; i++) {
		for (size_t k = 0; k < sizeof nasty; k++) {
			memcpy(copy, full, len);
			copy[i] = nasty[k];
			assert_sane(copy, len);
		}
	}
	free(copy);
	free(full);
}
END_TEST

START_TEST(deep_nesting_never_crashes)
{
	struct strbuf text;
	strbuf_init(&text);
	char path[PATH_MAX], want[PATH_MAX + 100];
	struct config c;
	struct strbuf errors;
	strbuf_init(&errors);
	/* balanced: only the unknown key is wrong */
	strbuf_puts(&text, "x: ");
	for (int i = 0; i < 20000; i++)
		strbuf_putc(&text, '[');
	for (int i = 0; i < 20000; i++)
		strbuf_putc(&text, ']');
	strbuf_putc(&text, '\n');
	ck_assert_int_eq(load_text(text.buf, &c, &errors, path), CL_ERR_INVALID);
	snprintf(want, sizeof want, "%s:1:1: unknown setting 'x'\n", path);
	ck_assert_str_eq(errors.buf, want);
	/* unbalanced, under a real setting */
	strbuf_reset(&text);
	strbuf_reset(&errors);
	strbuf_puts(&text, "totp_required_roles: ");
	for (int i = 0; i < 20000; i++)
		strbuf_putc(&text, '[');
	ck_assert_int_eq(load_text(text.buf, &c, &errors, path), CL_ERR_INVALID);
	ck_assert(all_positioned(path, errors.buf, 2));
	strbuf_clear(&errors);
	strbuf_clear(&text);
}
END_TEST

static Suite *config_suite(void)
{
	Suite *s = suite_create("config");
	TCase *tc = tcase_create("core");
	tcase_add_checked_fixture(tc, tmp_setup, tmp_teardown);
	tcase_add_test(tc, defaults_are_the_documented_numbers);
	tcase_add_test(tc, describe_lists_every_setting);
	tcase_add_test(tc, review_modes_are_words);
	tcase_add_test(tc, full_file_sets_every_setting);
	tcase_add_test(tc, empty_files_mean_defaults);
	tcase_add_test(tc, example_file_is_the_defaults);
	tcase_add_test(tc, missing_file_optional_or_required);
	tcase_add_test(tc, booleans_take_yaml_1_1_spellings);
	tcase_add_test(tc, role_lists_in_any_form);
	tcase_add_test(tc, note_type_defaults_and_helpers);
	tcase_add_test(tc, note_type_lists_in_any_form);
	tcase_add_test(tc, case_plan_settings);
	tcase_add_test(tc, syntax_errors);
	tcase_add_test(tc, top_level_must_be_a_mapping);
	tcase_add_test(tc, unknown_keys_with_suggestions);
	tcase_add_test(tc, duplicate_keys);
	tcase_add_test(tc, wrong_types);
	tcase_add_test(tc, integers_out_of_bounds);
	tcase_add_test(tc, role_lists_checked);
	tcase_add_test(tc, note_type_lists_checked);
	tcase_add_test(tc, control_characters_and_bad_text);
	tcase_add_test(tc, aliases_and_tags_refused);
	tcase_add_test(tc, several_errors_all_reported);
	tcase_add_test(tc, too_many_errors_stop);
	tcase_add_test(tc, bounds_inclusive_at_both_edges);
	tcase_add_test(tc, text_lengths_at_both_edges);
	tcase_add_test(tc, dump_reads_back_identically);
	suite_add_tcase(s, tc);
	TCase *fuzz = tcase_create("robustness");
	tcase_add_checked_fixture(fuzz, tmp_setup, tmp_teardown);
	tcase_set_timeout(fuzz, 300); /* thousands of loads, slower under the sanitizers */
	tcase_add_test(fuzz, truncated_prefixes_never_crash);
	tcase_add_test(fuzz, mutated_bytes_never_crash);
	tcase_add_test(fuzz, deep_nesting_never_crashes);
	suite_add_tcase(s, fuzz);
	return s;
}

int main(void)
{
	/* messages echo text sanitized by display width, as the program shows them */
	if (!setlocale(LC_ALL, "") || strcmp(nl_langinfo(CODESET), "UTF-8") != 0)
		setlocale(LC_ALL, "C.UTF-8");
	SRunner *sr = srunner_create(config_suite());
	srunner_run_all(sr, CK_ENV);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
