// OpenBLAS's CBLAS interface (Debian's libopenblas-dev; the include path comes from pkg-config).
#include <cblas.h>
