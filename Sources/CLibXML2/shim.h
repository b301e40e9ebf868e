// libxml2 for the HTML → text step. Debian builds libxml2 with ICU; ICU's UErrorCode then clashes
// with Foundation's copy in a clean build, so the ICU part of the API is switched off here.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
