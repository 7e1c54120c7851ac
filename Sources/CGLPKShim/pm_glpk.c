// See include/pm_glpk.h for why this file exists. Every function below that calls GLPK does so
// inside GUARD_BEGIN/GUARD_END: a setjmp taken here, in C, that GLPK's error hook longjmps to.
#define _GNU_SOURCE
#include "pm_glpk.h"


#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <sys/mman.h>

static _Thread_local unsigned long generation = 0;
static _Thread_local jmp_buf *active_jump = NULL;
static _Thread_local char *log_buffer = NULL;
static _Thread_local size_t log_length = 0, log_capacity = 0;
static _Thread_local int log_cut = 0, log_echo_on = 0;

enum { LOG_LIMIT = 1 << 20 };
static const char cut_marker[] = "\n[partner-match: solver log cut at 1 MiB]\n";

static void log_append(const char *s) {
    size_t n = strlen(s);
    if (log_cut) return;
    if (log_length + n + 1 > LOG_LIMIT) {
        n = 0;
        log_cut = 1;
        s = cut_marker;
        n = sizeof(cut_marker) - 1;
    }
    if (log_length + n + 1 > log_capacity) {
        size_t want = log_capacity ? log_capacity : 4096;
        while (want < log_length + n + 1) want *= 2;
        char *grown = realloc(log_buffer, want);
        if (!grown) { log_cut = 1; return; }
        log_buffer = grown;
        log_capacity = want;
    }
    memcpy(log_buffer + log_length, s, n);
    log_length += n;
    log_buffer[log_length] = '\0';
}

static int term_hook(void *info, const char *s) {
    (void)info;
    log_append(s);
    if (log_echo_on) fputs(s, stderr);
    return 1; // handled: GLPK writes nothing to stdout
}

static void error_hook(void *info) {
    (void)info;
    if (active_jump) longjmp(*active_jump, 1);
    // No guard on this thread: returning lets GLPK abort. Every GLPK call goes through a guard,
    // so this line is reached only if that rule is broken.
}

unsigned long pm_env_generation(void) { return generation; }

void pm_free_env(void) {
    glp_free_env();
    generation += 1;
}

const char *pm_log_text(void) { return log_buffer ? log_buffer : ""; }

void pm_log_reset(void) {
    log_length = 0;
    log_cut = 0;
    if (log_buffer) log_buffer[0] = '\0';
}

void pm_log_echo(int on) { log_echo_on = on; }

#define GUARD_BEGIN                                   \
    jmp_buf guard_jump;                               \
    jmp_buf *const guard_saved = active_jump;         \
    glp_term_hook(term_hook, NULL);                   \
    glp_error_hook(error_hook, NULL);                 \
    if (setjmp(guard_jump)) {                         \
        active_jump = guard_saved;                    \
        pm_free_env();                                \
        return PM_FATAL;                              \
    }                                                 \
    active_jump = &guard_jump;

#define GUARD_END                                     \
    active_jump = guard_saved;                        \
    return PM_OK;

int pm_create(glp_prob **out) {
    GUARD_BEGIN
    *out = glp_create_prob();
    GUARD_END
}

void pm_delete(glp_prob *P) {
    // glp_delete_prob cannot fail on a live problem; a guard keeps that promise cheap to check.
    jmp_buf guard_jump;
    jmp_buf *const guard_saved = active_jump;
    if (setjmp(guard_jump)) { active_jump = guard_saved; pm_free_env(); return; }
    active_jump = &guard_jump;
    glp_delete_prob(P);
    active_jump = guard_saved;
}

int pm_load(glp_prob *P, const pm_model *m) {
    GUARD_BEGIN
    glp_erase_prob(P);
    if (m->name) glp_set_prob_name(P, m->name);
    glp_set_obj_dir(P, m->direction);
    glp_set_obj_coef(P, 0, m->objective_constant);
    if (m->rows > 0) glp_add_rows(P, m->rows);
    if (m->cols > 0) glp_add_cols(P, m->cols);
    for (int i = 1; i <= m->rows; i++) {
        glp_set_row_bnds(P, i, m->row_type[i], m->row_lb[i], m->row_ub[i]);
        if (m->row_name && m->row_name[i]) glp_set_row_name(P, i, m->row_name[i]);
    }
    for (int j = 1; j <= m->cols; j++) {
        glp_set_col_kind(P, j, m->col_kind[j]);
        // After the kind: GLP_BV resets the bounds to 0..1, and a binary may be fixed at 0 or 1.
        glp_set_col_bnds(P, j, m->col_type[j], m->col_lb[j], m->col_ub[j]);
        glp_set_obj_coef(P, j, m->col_obj[j]);
        if (m->col_name && m->col_name[j]) glp_set_col_name(P, j, m->col_name[j]);
    }
    if (m->nonzeros > 0) glp_load_matrix(P, m->nonzeros, m->ia, m->ja, m->ar);
    // Scale rows and columns as glpsol does (GLPK keeps the factors and reports unscaled values).
    // Without it, a model mixing costs of 1e5 with FTE of 0.5 left branch-and-bound, when the MIP
    // presolver is off, stopping at a suboptimal point it called optimal (docs/SOLVER.md). The
    // caller turns it off for coefficients so extreme that a scale factor would underflow (GLPK
    // then raises a fatal error in glp_set_sjj).
    if (m->scale) glp_scale_prob(P, GLP_SF_AUTO);
    GUARD_END
}

int pm_simplex(glp_prob *P, const glp_smcp *parm, int *ret) {
    GUARD_BEGIN
    *ret = glp_simplex(P, parm);
    GUARD_END
}

int pm_exact(glp_prob *P, const glp_smcp *parm, int *ret) {
    GUARD_BEGIN
    *ret = glp_exact(P, parm);
    GUARD_END
}

typedef struct {
    const double *seed;
    pm_mip_progress *progress;
} callback_context;

static void mip_callback(glp_tree *T, void *info) {
    callback_context *context = info;
    if (glp_ios_reason(T) == GLP_IHEUR && context->seed && !context->progress->seed_offered) {
        context->progress->seed_offered = 1;
        context->progress->seed_accepted = glp_ios_heur_sol(T, context->seed) == 0;
    }
    int node = glp_ios_best_node(T);
    if (node) {
        context->progress->has_bound = 1;
        context->progress->bound = glp_ios_node_bound(T, node);
    }
}

int pm_intopt(glp_prob *P, const glp_iocp *parm, const double *seed, pm_mip_progress *progress, int *ret) {
    GUARD_BEGIN
    glp_iocp own = *parm;
    callback_context context = { seed, progress };
    memset(progress, 0, sizeof *progress);
    own.cb_func = mip_callback;
    own.cb_info = &context;
    *ret = glp_intopt(P, &own);
    GUARD_END
}

int pm_lp_solution(glp_prob *P, int *status, int *primal_status, double *objective,
                   double *row_prim, double *row_dual, double *col_prim, double *col_dual) {
    GUARD_BEGIN
    int rows = glp_get_num_rows(P), cols = glp_get_num_cols(P);
    if (status) *status = glp_get_status(P);
    if (primal_status) *primal_status = glp_get_prim_stat(P);
    if (objective) *objective = glp_get_obj_val(P);
    for (int i = 1; i <= rows; i++) {
        if (row_prim) row_prim[i] = glp_get_row_prim(P, i);
        if (row_dual) row_dual[i] = glp_get_row_dual(P, i);
    }
    for (int j = 1; j <= cols; j++) {
        if (col_prim) col_prim[j] = glp_get_col_prim(P, j);
        if (col_dual) col_dual[j] = glp_get_col_dual(P, j);
    }
    GUARD_END
}

int pm_mip_solution(glp_prob *P, int *status, double *objective, double *row_val, double *col_val) {
    GUARD_BEGIN
    int rows = glp_get_num_rows(P), cols = glp_get_num_cols(P);
    if (status) *status = glp_mip_status(P);
    if (objective) *objective = glp_mip_obj_val(P);
    for (int i = 1; row_val && i <= rows; i++) row_val[i] = glp_mip_row_val(P, i);
    for (int j = 1; col_val && j <= cols; j++) col_val[j] = glp_mip_col_val(P, j);
    GUARD_END
}

int pm_dimensions(glp_prob *P, int *rows, int *cols, int *nonzeros) {
    GUARD_BEGIN
    *rows = glp_get_num_rows(P);
    *cols = glp_get_num_cols(P);
    *nonzeros = glp_get_num_nz(P);
    GUARD_END
}

int pm_extract(glp_prob *P, int *direction, double *objective_constant,
               int *row_type, double *row_lb, double *row_ub, const char **row_name,
               int *col_type, int *col_kind, double *col_lb, double *col_ub, double *col_obj,
               const char **col_name, int *ia, int *ja, double *ar) {
    GUARD_BEGIN
    int rows = glp_get_num_rows(P), cols = glp_get_num_cols(P);
    *direction = glp_get_obj_dir(P);
    *objective_constant = glp_get_obj_coef(P, 0);
    for (int i = 1; i <= rows; i++) {
        row_type[i] = glp_get_row_type(P, i);
        row_lb[i] = glp_get_row_lb(P, i);
        row_ub[i] = glp_get_row_ub(P, i);
        row_name[i] = glp_get_row_name(P, i);
    }
    int k = 0;
    for (int j = 1; j <= cols; j++) {
        col_type[j] = glp_get_col_type(P, j);
        col_kind[j] = glp_get_col_kind(P, j);
        col_lb[j] = glp_get_col_lb(P, j);
        col_ub[j] = glp_get_col_ub(P, j);
        col_obj[j] = glp_get_obj_coef(P, j);
        col_name[j] = glp_get_col_name(P, j);
        int length = glp_get_mat_col(P, j, ia + k, ar + k);
        for (int t = 1; t <= length; t++) ja[k + t] = j;
        k += length;
    }
    GUARD_END
}

int pm_read_mps(glp_prob *P, int format, const char *path, int *ret) {
    GUARD_BEGIN
    *ret = glp_read_mps(P, format, NULL, path);
    GUARD_END
}

int pm_read_lp(glp_prob *P, const char *path, int *ret) {
    GUARD_BEGIN
    *ret = glp_read_lp(P, NULL, path);
    GUARD_END
}

int pm_write_mps(glp_prob *P, int format, const char *path, int *ret) {
    GUARD_BEGIN
    *ret = glp_write_mps(P, format, NULL, path);
    GUARD_END
}

int pm_write_lp(glp_prob *P, const char *path, int *ret) {
    GUARD_BEGIN
    *ret = glp_write_lp(P, NULL, path);
    GUARD_END
}

int pm_provoke_fatal(glp_prob *P, int kind) {
    GUARD_BEGIN
    switch (kind) {
    case 0:
        glp_set_row_bnds(P, glp_get_num_rows(P) + 1, GLP_FX, 0.0, 0.0);
        break;
    case 1:
        if (glp_get_num_cols(P) == 0) glp_add_cols(P, 1);
        glp_set_col_bnds(P, 1, 99, 0.0, 1.0);
        break;
    default: {
        if (glp_get_num_rows(P) == 0) glp_add_rows(P, 1);
        if (glp_get_num_cols(P) == 0) glp_add_cols(P, 1);
        int ia[] = { 0, 1, 1 }, ja[] = { 0, 1, 1 };
        double ar[] = { 0, 1.0, 2.0 };
        glp_load_matrix(P, 2, ia, ja, ar);
        break;
    }
    }
    GUARD_END
}

int pm_memory_file(void) {
#ifdef MFD_CLOEXEC
    return memfd_create("partner-match-model", MFD_CLOEXEC);
#else
    errno = ENOSYS;
    return -1;
#endif
}
