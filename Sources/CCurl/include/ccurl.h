/*
 * CCurl — typed, non-variadic wrappers over libcurl for Swift.
 *
 * curl_easy_setopt / curl_easy_getinfo are variadic C functions, which Swift cannot call.
 * Each wrapper here forwards exactly one argument type and contains no logic.
 * Every symbol is prefixed `ccurl_`.
 */
#ifndef CCURL_H
#define CCURL_H

#include <curl/curl.h>

/* Callback shapes, named so Swift sees plain @convention(c) function types. */
typedef size_t (*ccurl_write_fn)(char *data, size_t size, size_t count, void *context);
typedef size_t (*ccurl_read_fn)(char *buffer, size_t size, size_t count, void *context);
typedef int (*ccurl_debug_fn)(CURL *handle, curl_infotype type, char *data, size_t size, void *context);

/* Global initialisation with CURL_GLOBAL_DEFAULT (a macro Swift cannot import). */
CURLcode ccurl_global_init_default(void);

CURLcode ccurl_setopt_long(CURL *handle, CURLoption option, long value);
CURLcode ccurl_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value);
CURLcode ccurl_setopt_string(CURL *handle, CURLoption option, const char *value);
CURLcode ccurl_setopt_pointer(CURL *handle, CURLoption option, void *value);
CURLcode ccurl_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value);
CURLcode ccurl_setopt_write_callback(CURL *handle, CURLoption option, ccurl_write_fn callback);
CURLcode ccurl_setopt_read_callback(CURL *handle, CURLoption option, ccurl_read_fn callback);
CURLcode ccurl_setopt_debug_callback(CURL *handle, ccurl_debug_fn callback);

CURLcode ccurl_getinfo_long(CURL *handle, CURLINFO info, long *value);

#endif /* CCURL_H */
