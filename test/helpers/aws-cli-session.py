"""One AWS CLI session for the end-to-end tests: test/helpers/aws-cli-session.ts starts this with the
Python interpreter of the installed `aws` and sends it one JSON argv per line; each call runs through
the CLI's own entry point (awscli.clidriver, what the `aws` script calls) with a fresh driver, and
the answer is one JSON line with the call's exit code, stdout and stderr. The interpreter, the CLI's
modules and the service model load once per test file instead of once per call."""
import contextlib
import io
import json
import sys
import traceback

import awscli
import awscli.clidriver

sys.argv[0] = "aws"  # usage and argparse messages name the program as the `aws` script does
protocol = sys.stdout

# Load the command table and the cognito-idp model once, before the first call. Every call builds
# its own driver and botocore session as a fresh `aws` process would; they share only the loader of
# botocore's static data files (service models, endpoints), which caches what it has parsed.
warm = awscli.clidriver.create_clidriver()
warm._get_command_table()
warm.session.get_service_model("cognito-idp")
loader = warm.session.get_component("data_loader")


def run(argv):
    driver = awscli.clidriver.create_clidriver()
    driver.session.register_component("data_loader", loader)
    return driver.main(argv)


print(json.dumps({"version": awscli.__version__}), file=protocol, flush=True)

for line in sys.stdin:
    argv = json.loads(line)
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = run(argv)
        except SystemExit as e:
            code = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
        except Exception:
            traceback.print_exc()
            code = 1
    answer = {"code": 0 if code is None else code, "stdout": out.getvalue(), "stderr": err.getvalue()}
    print(json.dumps(answer), file=protocol, flush=True)
