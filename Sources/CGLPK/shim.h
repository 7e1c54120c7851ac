// Debian's libglpk-dev installs glpk.h but no pkg-config file; the module map links "glpk" itself.
#include <glpk.h>
