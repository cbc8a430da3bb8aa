// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "alertbanner.h"

#include "alertcentre.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QPushButton>
#include <QToolButton>

namespace GridDesk {

namespace {

const auto URGENT_STYLE = QStringLiteral(
    "GridDesk--AlertBanner { background: #fde8e6; border-bottom: 2px solid #b3261e; }");
const auto WARNING_STYLE = QStringLiteral(
    "GridDesk--AlertBanner { background: #fff4d6; border-bottom: 2px solid #b07a00; }");

QPushButton *bannerButton(const QString &text, const char *name, QWidget *parent)
{
    auto *button = new QPushButton(text, parent);
    button->setObjectName(QLatin1String(name));
    button->setFocusPolicy(Qt::NoFocus);
    return button;
}

} // namespace

AlertBanner::AlertBanner(AlertCentre *alerts, QWidget *parent)
    : QFrame(parent)
    , m_alerts(alerts)
    , m_text(new QLabel(this))
    , m_count(new QLabel(this))
    , m_open(bannerButton(tr("Open case"), "openAlertCase", this))
    , m_dismiss(bannerButton(tr("Dismiss"), "dismissAlert", this))
    , m_dismissAll(bannerButton(tr("Dismiss all"), "dismissAllAlerts", this))
    , m_recent(new QToolButton(this))
    , m_recentMenu(new QMenu(this))
{
    setObjectName(QStringLiteral("alertBanner"));
    setFocusPolicy(Qt::NoFocus);
    setAttribute(Qt::WA_StyledBackground);
    m_text->setObjectName(QStringLiteral("alertText"));
    m_text->setTextFormat(Qt::PlainText);
    QFont bold = m_text->font();
    bold.setBold(true);
    m_text->setFont(bold);
    m_count->setObjectName(QStringLiteral("alertCount"));
    m_recent->setObjectName(QStringLiteral("recentAlerts"));
    m_recent->setText(tr("Recent"));
    m_recent->setToolTip(tr("The alerts of this session, also the dismissed ones"));
    m_recent->setFocusPolicy(Qt::NoFocus);
    m_recent->setPopupMode(QToolButton::InstantPopup);
    m_recent->setMenu(m_recentMenu);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 8, 4);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_count);
    layout->addWidget(m_open);
    layout->addWidget(m_dismiss);
    layout->addWidget(m_dismissAll);
    layout->addWidget(m_recent);

    connect(m_open, &QPushButton::clicked, this, [this] {
        const QList<DeskAlert> active = m_alerts->active();
        if (active.isEmpty())
            return;
        const qint64 id = active.first().caseId;
        m_alerts->dismissNewest();
        Q_EMIT caseRequested(id);
    });
    connect(m_dismiss, &QPushButton::clicked, m_alerts, &AlertCentre::dismissNewest);
    connect(m_dismissAll, &QPushButton::clicked, m_alerts, &AlertCentre::dismissAll);
    connect(m_recentMenu, &QMenu::aboutToShow, this, &AlertBanner::fillRecentMenu);
    connect(m_alerts, &AlertCentre::activeChanged, this, &AlertBanner::showActive);
    showActive();
}

QString AlertBanner::text() const
{
    return m_alerts->active().isEmpty() ? QString() : m_text->text();
}

void AlertBanner::showActive()
{
    const QList<DeskAlert> active = m_alerts->active();
    if (active.isEmpty()) {
        m_text->clear();
        return;
    }
    const DeskAlert &newest = active.first();
    m_text->setText(QStringLiteral("%1  %2").arg(
        QLocale().toString(newest.at.time(), QLocale::ShortFormat), newest.text));
    const auto more = int(active.size() - 1);
    //: how many alerts wait behind the one the banner shows
    m_count->setText(more > 0 ? tr("+%n more", nullptr, more) : QString());
    m_count->setVisible(more > 0);
    m_dismissAll->setVisible(more > 0);
    const bool urgent = newest.kind != DeskAlert::Kind::DeadlineShare;
    setStyleSheet(urgent ? URGENT_STYLE : WARNING_STYLE);
}

void AlertBanner::fillRecentMenu()
{
    m_recentMenu->clear();
    const QList<DeskAlert> recent = m_alerts->recent();
    if (recent.isEmpty()) {
        m_recentMenu->addAction(tr("No alerts yet in this session"))->setEnabled(false);
        return;
    }
    for (const DeskAlert &alert : recent) {
        const QString when = QLocale().toString(alert.at, QLocale::ShortFormat);
        //: a recent alert: %1 when, %2 what
        QAction *entry = m_recentMenu->addAction(tr("%1 — %2").arg(when, alert.text));
        connect(entry, &QAction::triggered, this,
            [this, id = alert.caseId] { Q_EMIT caseRequested(id); });
    }
}

void AlertBanner::showRecent(QWidget *parent)
{
    fillRecentMenu();
    const QPoint at = m_recent->isVisible() ? m_recent->mapToGlobal(QPoint(0, m_recent->height()))
                                            : parent->mapToGlobal(QPoint(parent->width() / 3, 0));
    m_recentMenu->popup(at);
}

} // namespace GridDesk
