// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include <QDockWidget>

namespace GridDesk {

/// A dock of the main window for a panel that may also live in a window of its own. Closing
/// it asks a panel that closes itself (the org chart, the standards tree) first, and emits
/// closed() only when the panel agreed.
class PanelDock : public QDockWidget
{
    Q_OBJECT

public:
    PanelDock(const QString &key, const QString &title, QWidget *parent);

    void setContentCloses(bool closes) { m_contentCloses = closes; }

Q_SIGNALS:
    void closed();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    bool m_contentCloses = false;
};

} // namespace GridDesk
