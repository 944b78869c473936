/* cmd_http.c: `samla http --data DIR` — one raw request from stdin. */
#include <stdio.h>

#include "cli/cli.h"
#include "web/server.h"

int cmd_http(int argc, char **argv)
{
    const char *data = NULL;
    const Opt opts[] = {{"--data", true, &data, NULL}, {NULL, 0, NULL, NULL}};
    const char *pos[1];
    int npos;
    if (!cli_parse(argc, argv, opts, pos, 0, &npos)) {
        usage();
        return EXIT_USAGE;
    }
    const char *dir = cli_data_dir(data);
    if (!dir) {
        return EXIT_USAGE;
    }
    if (!cli_attach_setup(dir, NULL)) {
        return EXIT_USAGE;
    }
    Err e = {0};
    if (raw_http_run(cli_db_path(dir), &e)) {
        fprintf(stderr, "samla: %s\n", e.msg);
        return 1;
    }
    return 0;
}
