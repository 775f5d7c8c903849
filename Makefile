# SegNode: one command each to set up and build, to run, and to test (see README.md).
MVN ?= mvn -B -q

.PHONY: setup setup-tests build test run clean

setup:
	scripts/setup-debian.sh

setup-tests:
	scripts/setup-debian.sh --tests

build: setup
	$(MVN) package -DskipTests

## The test command of README.md and CI: sets up, then builds and runs every test.
test: setup-tests
	mvn -B --no-transfer-progress verify -Dspotless.apply.skip=true

## Builds and shows the command-line tools (the node itself arrives with its module).
run: build
	bin/segnode --help

clean:
	$(MVN) clean
