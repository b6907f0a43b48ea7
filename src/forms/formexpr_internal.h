#ifndef CASELOAD_FORMEXPR_INTERNAL_H
#define CASELOAD_FORMEXPR_INTERNAL_H
/* Private to src/forms/formexpr*.c: the syntax tree, the function table and what the
 * parser, binder and evaluator share. */
#include <regex.h>
#include <stdbool.h>
#include <stddef.h>

#include "caseload/formexpr.h"

enum fnode_kind {
	FN_NUMBER,
	FN_STRING,
	FN_BOOL,
	FN_NULL,
	FN_FIELD, /* $name */
	FN_CASE,  /* case.name */
	FN_DOT,   /* . */
	FN_CALL,  /* name(args) */
	FN_LIST,  /* [args] */
	FN_NEG,   /* -args[0] */
	FN_NOT,   /* not args[0] */
	FN_CMP,   /* args[0] ops[0] args[1] */
	FN_ARITH, /* args[0] ops[0] args[1] ops[1] args[2] ...: one node per chain, so that a
	           * long sum does not make a deep tree */
	FN_AND,   /* args[0] and args[1] and ... */
	FN_OR,
};

enum fexpr_op {
	FOP_ADD,
	FOP_SUB,
	FOP_MUL,
	FOP_DIV,
	FOP_MOD,
	FOP_EQ,
	FOP_NE,
	FOP_LT,
	FOP_LE,
	FOP_GT,
	FOP_GE,
	FOP_IN,
	FOP_NOT_IN,
};

struct fnode {
	enum fnode_kind kind;
	size_t offset; /* where the node's text starts */
	double num;    /* FN_NUMBER */
	bool b;        /* FN_BOOL */
	char *text;    /* FN_STRING value, FN_FIELD/FN_CASE name; owned */
	int slot;      /* FN_FIELD/FN_CASE after binding; -1 before */
	int func;      /* FN_CALL: index into fexpr_funcs */
	struct fnode **args; /* operands, items or arguments; owned */
	enum fexpr_op *ops;  /* FN_ARITH (nargs - 1 of them) and FN_CMP (one); owned */
	size_t nargs;
	regex_t *re; /* matches() with a literal pattern: compiled by fexpr_bind; owned */
};

struct fexpr {
	struct fnode *root;
};

/* Evaluation state: the environment and what is left of the work budget, which bounds
 * nested row functions over large repeats. */
#define FEXPR_EVAL_BUDGET 1000000
struct fexpr_evalctx {
	const struct fexpr_env *env;
	size_t budget;
};
void fexpr_eval_node(const struct fnode *n, struct fexpr_evalctx *cx, struct fval *out);

/* How a function's arguments are checked when binding. */
enum fexpr_arg_rule {
	FARG_ANY,
	FARG_FIRST_FIELD, /* the first argument must be $field */
	FARG_ALL_FIELDS,  /* every argument must be $field */
};
#define FEXPR_ARGS_MANY ((unsigned)-1)
struct fexpr_func {
	const char *name;
	unsigned min_args, max_args; /* max FEXPR_ARGS_MANY: no limit */
	enum fexpr_arg_rule rule;
	bool per_row; /* the second argument is evaluated once per row of the first */
	void (*call)(const struct fnode *n, struct fexpr_evalctx *cx, struct fval *out);
};
extern const struct fexpr_func fexpr_funcs[];
extern const size_t fexpr_nfuncs;
/* Index of the function called name, or -1. */
int fexpr_func_find(const char *name);
/* The known function closest to name within a small edit distance, or NULL. */
const char *fexpr_func_suggest(const char *name);

/* Compiles a matches() pattern (POSIX ERE), refusing what could make matching or compiling
 * blow up (back-references, large repetition counts). On failure fills msg. */
bool fexpr_regex_compile(regex_t *re, const char *pattern, char *msg, size_t msgsize);
/* Binding checks of a literal argument (a pattern, a date unit): false with a message. */
bool fexpr_func_check_literal(struct fnode *call, size_t arg, char *msg, size_t msgsize);

/* Parses a number written as the language writes it ('.' as the decimal point, whatever
 * the locale says). False when s[0..len) is not entirely a finite number. */
bool fexpr_number_parse(const char *s, size_t len, double *out);
/* Reads v as a date: a date, or a string "YYYY-MM-DD". */
bool fexpr_as_date(const struct fval *v, date_t *out);
/* Stores d in out when it lies in years 1..9999, else leaves out null. */
void fexpr_set_date_checked(struct fval *out, long long d);
/* Stores n in out when finite, else leaves out null. */
void fexpr_set_number_checked(struct fval *out, double n);

#endif
