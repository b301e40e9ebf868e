/* The same full parse as `maildesk-bench parse`, with GMime 3, for comparison: headers decoded,
 * text parts decoded to UTF-8, other parts decoded (transfer encoding) into memory.
 * Prints {"messages","bytes","seconds","mb_per_s","msgs_per_s"}.
 *
 * build: gcc -O2 bench/gmime-parse.c -o .build/gmime-parse $(pkg-config --cflags --libs gmime-3.0)
 * usage: gmime-parse PATH... (files, directories of .eml, or mbox files) [--rounds N] */
#include <gmime/gmime.h>
#include <dirent.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

typedef struct { GPtrArray *messages; size_t bytes; } Inputs;

static void add_bytes(Inputs *in, const char *data, size_t len) {
    GByteArray *copy = g_byte_array_sized_new(len);
    g_byte_array_append(copy, (const guint8 *) data, len);
    g_ptr_array_add(in->messages, copy);
    in->bytes += len;
}

static void add_mbox(Inputs *in, const char *data, size_t len) {
    size_t start = 0, i = 0;
    int have = 0;
    while (i < len) {
        size_t end = i;
        while (end < len && data[end] != '\n') end++;
        int from = (end - i >= 5 && memcmp(data + i, "From ", 5) == 0) && (i == 0 || (i >= 2 && data[i - 2] == '\n') || (i >= 3 && data[i - 2] == '\r' && data[i - 3] == '\n'));
        if (from) {
            if (have) add_bytes(in, data + start, i - start);
            start = end + 1;
            have = 1;
        }
        i = end + 1;
    }
    if (have && start < len) add_bytes(in, data + start, len - start);
}

static void add_path(Inputs *in, const char *path) {
    struct stat st;
    if (stat(path, &st) != 0) return;
    if (S_ISDIR(st.st_mode)) {
        DIR *dir = opendir(path);
        struct dirent *e;
        while (dir && (e = readdir(dir))) {
            if (e->d_name[0] == '.') continue;
            char child[4096];
            snprintf(child, sizeof child, "%s/%s", path, e->d_name);
            struct stat cs;
            if (stat(child, &cs) == 0 && S_ISDIR(cs.st_mode)) { add_path(in, child); continue; }
            size_t n = strlen(e->d_name);
            if (n > 4 && strcmp(e->d_name + n - 4, ".eml") == 0) add_path(in, child);
        }
        if (dir) closedir(dir);
        return;
    }
    gchar *data; gsize len;
    if (!g_file_get_contents(path, &data, &len, NULL)) return;
    if (len >= 5 && memcmp(data, "From ", 5) == 0) add_mbox(in, data, len); else add_bytes(in, data, len);
    g_free(data);
}

static void visit(GMimeObject *parent, GMimeObject *part, gpointer user_data) {
    (void) parent; (void) user_data;
    if (GMIME_IS_TEXT_PART(part)) {
        char *text = g_mime_text_part_get_text(GMIME_TEXT_PART(part));
        g_free(text);
    } else if (GMIME_IS_PART(part)) {
        GMimeDataWrapper *content = g_mime_part_get_content(GMIME_PART(part));
        if (content) {
            GMimeStream *sink = g_mime_stream_mem_new();
            g_mime_data_wrapper_write_to_stream(content, sink);
            g_object_unref(sink);
        }
    }
}

int main(int argc, char **argv) {
    g_mime_init();
    Inputs in = { g_ptr_array_new(), 0 };
    int rounds = 1;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--rounds") == 0 && i + 1 < argc) { rounds = atoi(argv[++i]); continue; }
        add_path(&in, argv[i]);
    }
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (int r = 0; r < rounds; r++) {
        for (guint i = 0; i < in.messages->len; i++) {
            GByteArray *bytes = g_ptr_array_index(in.messages, i);
            GMimeStream *stream = g_mime_stream_mem_new_with_buffer((const char *) bytes->data, bytes->len);
            GMimeParser *parser = g_mime_parser_new_with_stream(stream);
            GMimeMessage *message = g_mime_parser_construct_message(parser, NULL);
            if (message) {
                const char *subject = g_mime_message_get_subject(message);
                (void) subject;
                InternetAddressList *from = g_mime_message_get_from(message);
                (void) from;
                g_mime_message_foreach(message, visit, NULL);
                g_object_unref(message);
            }
            g_object_unref(parser);
            g_object_unref(stream);
        }
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double seconds = (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
    double n = (double) in.messages->len * rounds, bytes = (double) in.bytes * rounds;
    printf("{\"bytes\":%.0f,\"mb_per_s\":%f,\"messages\":%.0f,\"msgs_per_s\":%f,\"seconds\":%f}\n",
           bytes, bytes / 1048576 / seconds, n, n / seconds, seconds);
    return 0;
}
