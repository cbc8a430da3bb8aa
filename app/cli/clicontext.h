// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "domain/error.h"

#include <QCommandLineParser>
#include <QDate>
#include <QJsonValue>
#include <QStringList>
#include <QTextStream>

#include <memory>
#include <optional>

namespace GridDesk {
class Workspace;
}

namespace GridDesk::Cli {

/// Exit codes: 0 done, 1 the command failed (the message says why), 2 it was called wrongly.
enum Status { OK = 0, FAILED = 1, USAGE = 2 };

/// One run of the command line: the parsed options, the positional arguments (the command
/// first) and where to print.
struct Context
{
    QCommandLineParser parser;
    QStringList positional;
    QTextStream &out;
    QTextStream &err;

    bool isSet(const char *option) const { return parser.isSet(QLatin1String(option)); }
    QString value(const char *option) const { return parser.value(QLatin1String(option)); }
};

QString usage();
/// The actions a person can take with act: not the report itself nor what a merge records.
QString deskActionKeys();
int failWith(Context &context, const Error &error);
int usageError(Context &context, const QString &message);
void printJson(Context &context, const QJsonValue &value);
Result<std::unique_ptr<Workspace>> openWorkspace(const QString &path);
/// The workspace at path, which must exist and not be empty: for commands that read or edit
/// a workspace and must never make an empty one from a typo.
Result<std::unique_ptr<Workspace>> openExistingWorkspace(const QString &path);
/// The days --from and --to give (YYYY-MM-DD), each when set; InvalidArgument naming the
/// option that is not a day.
Result<void> readDayOptions(Context &context, std::optional<QDate> &from, std::optional<QDate> &to);

/// export-grids (exportcommands.cpp).
int exportGridsCommand(Context &context);

/// The workflow commands: report, case, act, deadlines (workflowcommands.cpp) and rules, setup,
/// calendar (setupcommands.cpp).
int reportCommand(Context &context);
int caseCommand(Context &context);
int actCommand(Context &context);
/// case-link: links a case to a register entry, or removes the link (workflowcommands.cpp).
int caseLinkCommand(Context &context);
int deadlinesCommand(Context &context);
int rulesCommand(Context &context);
int setupCommand(Context &context);
int calendarCommand(Context &context);

/// The grid map's editing commands (gridcommands.cpp).
int validateCommand(Context &context);
int subdivideCommand(Context &context);
int publishCommand(Context &context);
int editionsCommand(Context &context);

/// The organisation's commands: import-org, org, org-check, org-move, org-merge, org-retire,
/// org-export, org-history and reveal (orgcommands.cpp).
int importOrgCommand(Context &context);
int orgCommand(Context &context);
int orgCheckCommand(Context &context);
int orgMoveCommand(Context &context);
int orgMergeCommand(Context &context);
int orgRetireCommand(Context &context);
int orgExportCommand(Context &context);
int orgHistoryCommand(Context &context);
int revealCommand(Context &context);

/// The standards tree's commands: standards, standards-export, standards-attach,
/// standards-detach, standards-add, standards-remove, standards-move, standards-renumber and
/// standards-history (standardscommands.cpp).
int standardsCommand(Context &context);
int standardsExportCommand(Context &context);
int standardsAttachCommand(Context &context);
int standardsDetachCommand(Context &context);
int standardsAddCommand(Context &context);
int standardsRemoveCommand(Context &context);
int standardsMoveCommand(Context &context);
int standardsRenumberCommand(Context &context);
int standardsHistoryCommand(Context &context);

/// The evaluation report and its weights (evaluationcommands.cpp).
int evaluationCommand(Context &context);
int evaluationWeightsCommand(Context &context);

/// Patrols: patrol-import, patrols and patrol-plan (patrolcommands.cpp).
int patrolImportCommand(Context &context);
int patrolsCommand(Context &context);
int patrolPlanCommand(Context &context);
/// The grid register: import-register, register, register-history, register-verify,
/// register-merge and register-field (registercommands.cpp).
int importRegisterCommand(Context &context);
int registerCommand(Context &context);
int registerHistoryCommand(Context &context);
/// register-entry: an entry, masked, with the cases linked to it.
int registerEntryCommand(Context &context);
int registerVerifyCommand(Context &context);
int registerMergeCommand(Context &context);
int registerFieldCommand(Context &context);

int syncCommand(Context &context);
int outboxCommand(Context &context);
int outboxDiscardCommand(Context &context);
int outboxRedoCommand(Context &context);

} // namespace GridDesk::Cli
