// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "password.h"

#include <QCoreApplication>
#include <QFile>

#include <cstdio>
#include <termios.h>
#include <unistd.h>

namespace GridDesk::Sync {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(GridDesk::Sync)
};

/// The longest line read as a password; longer ones are cut and then refused by the account
/// rules, never read on without end.
constexpr qint64 MAX_LINE = 4096;

} // namespace

Result<QByteArray> readPassword(const QString &file, const QString &prompt, QTextStream &err)
{
    QByteArray line;
    if (!file.isEmpty()) {
        QFile input(file);
        if (!input.open(QIODevice::ReadOnly)) {
            return fail(ErrorCode::FileNotFound,
                Tr::tr("The password file %1 cannot be read: %2.").arg(file, input.errorString()));
        }
        line = input.readLine(MAX_LINE);
    } else {
        const bool terminal = isatty(STDIN_FILENO);
        termios saved {};
        if (terminal) {
            err << prompt;
            err.flush();
            tcgetattr(STDIN_FILENO, &saved);
            termios silent = saved;
            silent.c_lflag &= ~tcflag_t(ECHO);
            tcsetattr(STDIN_FILENO, TCSANOW, &silent);
        }
        QFile input;
        if (input.open(stdin, QIODevice::ReadOnly))
            line = input.readLine(MAX_LINE);
        if (terminal) {
            tcsetattr(STDIN_FILENO, TCSANOW, &saved);
            err << '\n';
        }
    }
    while (line.endsWith('\n') || line.endsWith('\r'))
        line.chop(1);
    if (line.isEmpty()) {
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("No password was given: use --password-file FILE, or type it when asked."));
    }
    return line;
}

} // namespace GridDesk::Sync
