// The C boundary of partner-match: the only C code in the project.
//
// Why this shim exists: GLPK reports a fatal error (bad index, bad parameter, corrupt model) by
// printing a message and calling abort(). The only way to survive it is an error hook that
// longjmp()s back to a setjmp() taken *in C* before the failing call: a longjmp must never cross
// Swift frames. So every GLPK entry point that can fail fatally is called through a function
// here, each wrapping its GLPK calls in one setjmp-protected region. After a fatal error GLPK
// requires glp_free_env(), which frees every GLPK object of the calling thread; the shim does it
// and bumps a per-thread generation counter, so Swift handles created before can tell they died.
//
// GLPK keeps its environment in thread-local storage (Debian builds it so): every function here
// acts on the calling thread's environment only.
#ifndef PM_GLPK_H
#define PM_GLPK_H

#include <glpk.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Result of a guarded call: PM_OK, or PM_FATAL when GLPK raised a fatal error (the thread's
/// GLPK environment has then been freed and its generation advanced).
enum { PM_OK = 0, PM_FATAL = -1 };

/// A counter of this thread's GLPK environments: advanced whenever the shim frees the environment.
unsigned long pm_env_generation(void);

/// Frees this thread's GLPK environment (every GLPK object of the thread) and advances the generation.
void pm_free_env(void);

/// Everything GLPK printed on this thread since the last pm_log_reset(), NUL-terminated
/// (capped: the oldest text is kept, a marker notes the cut). Valid until the next GLPK call.
const char *pm_log_text(void);
void pm_log_reset(void);
/// When nonzero, GLPK's terminal output is also echoed to stderr.
void pm_log_echo(int on);

/// A whole model in GLPK's 1-based layout, loaded in one guarded call.
typedef struct {
    const char *name;        // may be NULL
    int direction;           // GLP_MIN or GLP_MAX
    double objective_constant;
    int rows, cols;
    const int *row_type;     // [1..rows] GLP_FR/LO/UP/DB/FX
    const double *row_lb, *row_ub;
    const char *const *row_name;   // [1..rows], entries may be NULL
    const int *col_type;     // [1..cols]
    const int *col_kind;     // [1..cols] GLP_CV/GLP_IV/GLP_BV
    const double *col_lb, *col_ub;
    const double *col_obj;
    const char *const *col_name;
    int nonzeros;
    int scale;               // nonzero: scale rows and columns (glp_scale_prob, GLP_SF_AUTO)
    const int *ia, *ja;      // [1..nonzeros]
    const double *ar;
} pm_model;

int pm_create(glp_prob **out);
void pm_delete(glp_prob *P);
int pm_load(glp_prob *P, const pm_model *m);

/// glp_simplex; *ret receives its return code.
int pm_simplex(glp_prob *P, const glp_smcp *parm, int *ret);

/// glp_exact (the simplex method in exact rational arithmetic, starting from the current basis);
/// *ret receives its return code.
int pm_exact(glp_prob *P, const glp_smcp *parm, int *ret);

/// What the branch-and-bound callback saw.
typedef struct {
    int has_bound;           // a best-node bound was recorded
    double bound;            // the last best-node bound (objective sense)
    int seed_offered;        // the seed was handed to glp_ios_heur_sol
    int seed_accepted;       // GLPK took it as the incumbent (glp_ios_heur_sol returned 0)
} pm_mip_progress;

/// glp_intopt with the shim's own callback: it records the best bound and, when seed is not
/// NULL (cols+1 values, 1-based), offers it as a heuristic solution at the first opportunity.
/// The caller's parm->cb_func is ignored.
int pm_intopt(glp_prob *P, const glp_iocp *parm, const double *seed, pm_mip_progress *progress, int *ret);

/// Reads the solution of the last simplex (status, primal status, objective, primal and dual values;
/// arrays 1-based, sized rows+1 / cols+1; any may be NULL).
int pm_lp_solution(glp_prob *P, int *status, int *primal_status, double *objective,
                   double *row_prim, double *row_dual, double *col_prim, double *col_dual);
/// Reads the MIP solution (status, objective, column and row values).
int pm_mip_solution(glp_prob *P, int *status, double *objective, double *row_val, double *col_val);

/// Problem dimensions (rows, columns, nonzeros).
int pm_dimensions(glp_prob *P, int *rows, int *cols, int *nonzeros);
/// Copies a loaded problem out (arrays sized as pm_dimensions says, 1-based; names point into P).
int pm_extract(glp_prob *P, int *direction, double *objective_constant,
               int *row_type, double *row_lb, double *row_ub, const char **row_name,
               int *col_type, int *col_kind, double *col_lb, double *col_ub, double *col_obj,
               const char **col_name, int *ia, int *ja, double *ar);

/// File I/O: *ret receives GLPK's return code (0 success, nonzero a read/write error).
int pm_read_mps(glp_prob *P, int format, const char *path, int *ret);
int pm_read_lp(glp_prob *P, const char *path, int *ret);
int pm_write_mps(glp_prob *P, int format, const char *path, int *ret);
int pm_write_lp(glp_prob *P, const char *path, int *ret);
/// An anonymous in-memory file (Linux memfd_create, close-on-exec), or -1 with errno set. GLPK reads
/// and writes only named files: it is handed `/proc/self/fd/N`, so model files pass through memory,
/// are read under a size limit and written with every byte checked, and nothing lands in /tmp.
int pm_memory_file(void);

/// Test support: deliberately makes GLPK raise a fatal error on P (kind 0: a row index out of
/// range; kind 1: an invalid bound type; kind 2: a duplicate matrix entry).
int pm_provoke_fatal(glp_prob *P, int kind);

#ifdef __cplusplus
}
#endif
#endif
