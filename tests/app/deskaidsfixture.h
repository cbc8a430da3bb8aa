// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "casedesk.h"
#include "mainwindow.h"

#include "deskfixture.h"

#include "cases/caseactions.h"
#include "cases/runasdialog.h"

#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>

#include <functional>
#include <memory>

namespace GridDesk::Test {

/// The workstation on the desk's test workspace at path, acting as the operator Wang Fang, at
/// the time clock tells (by default a fixed Wednesday morning in working hours). Null when
/// something failed (a QTest failure or a warning says what).
inline std::unique_ptr<MainWindow> openDeskWindow(
    const QString &path, std::function<QDateTime()> clock = {})
{
    if (auto made = makeDeskWorkspace(path); !made) {
        qWarning("workspace not made: %s", why(made).constData());
        return nullptr;
    }
    auto window = std::make_unique<MainWindow>(QDir(mapsPath()));
    window->resize(1500, 950);
    if (!clock)
        clock = [] {
            return QDateTime(QDate(2026, 3, 4), QTime(9, 5));
        };
    window->caseDesk()->setClock(std::move(clock));
    window->show();
    if (!QTest::qWaitForWindowExposed(window.get()))
        return nullptr;
    QSignalSpy loaded(window.get(), &MainWindow::workspaceLoaded);
    window->openWorkspace(path);
    if (!loaded.wait(60000))
        return nullptr;
    CaseDesk *desk = window->caseDesk();
    if (!QTest::qWaitFor(
            [desk] { return desk->runAsDialog() && desk->runAsDialog()->isVisible(); }))
        return nullptr;
    auto *users = desk->runAsDialog()->findChild<QListWidget *>(QStringLiteral("users"));
    const auto found = users->findItems(QStringLiteral("Wang Fang"), Qt::MatchStartsWith);
    if (found.size() != 1)
        return nullptr;
    users->setCurrentItem(found.first());
    QTest::mouseClick(
        desk->runAsDialog()->findChild<QPushButton *>(QStringLiteral("runAs")), Qt::LeftButton);
    if (!QTest::qWaitFor([desk] { return !desk->runAsDialog(); }))
        return nullptr;
    return window;
}

} // namespace GridDesk::Test
