// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include <QFrame>

class QLabel;
class QMenu;
class QPushButton;
class QToolButton;

namespace GridDesk {

class AlertCentre;

/// The alerts at the top of the main window: the newest active alert in words, how many more
/// there are, Open case, Dismiss, Dismiss all, and the recent alerts (also dismissed ones) to
/// open again. Its buttons take no focus, so that typing goes
/// on where it was while alerts come and are dismissed.
class AlertBanner : public QFrame
{
    Q_OBJECT

public:
    explicit AlertBanner(AlertCentre *alerts, QWidget *parent = nullptr);

    /// The newest active alert's text; empty when none is shown.
    QString text() const;
    /// Shows the recent alerts as a menu below the banner (or at the top of parent when the
    /// banner is hidden).
    void showRecent(QWidget *parent);

Q_SIGNALS:
    void caseRequested(qint64 id);

private:
    void showActive();
    void fillRecentMenu();

    AlertCentre *m_alerts;
    QLabel *m_text;
    QLabel *m_count;
    QPushButton *m_open;
    QPushButton *m_dismiss;
    QPushButton *m_dismissAll;
    QToolButton *m_recent;
    QMenu *m_recentMenu;
};

} // namespace GridDesk
