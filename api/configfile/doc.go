// Package configfile reads the JSON configuration files of Cohort's daemons
// (the coordinator and the hospital node; examples/consortium holds
// documented examples): strictly, so a misspelt field is an error rather
// than a silent default, with relative paths taken against the file's own
// directory so a consortium folder can be moved as a whole. It also holds
// the sections and value types both daemons' files share: the chain
// section, durations written as "90s", and the log format. Each daemon's
// own fields live with the daemon (coordinator/coordinatord,
// participant/participantd).
package configfile
