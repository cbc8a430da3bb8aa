// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "comparison.h"

namespace GridDesk::Bench {

std::optional<double> Comparison::ratio() const
{
    if (!peer || *peer <= 0.0)
        return std::nullopt;
    return ours / *peer;
}

QString Comparison::verdict() const
{
    const std::optional<double> value = ratio();
    if (!value)
        return QStringLiteral("SKIPPED");
    return *value <= maxRatio ? QStringLiteral("PASS") : QStringLiteral("MISS");
}

QString Comparison::line() const
{
    const QString oursText =
        QStringLiteral("GridDesk %1 %2").arg(ours, 0, 'f', 1).arg(unit).leftJustified(22);
    const QString peerText = peer
        ? QStringLiteral("%1 %2 %3").arg(peerName).arg(*peer, 0, 'f', 1).arg(unit)
        : QStringLiteral("%1 not measured").arg(peerName);
    const std::optional<double> value = ratio();
    const QString ratioText = value ? QString::number(*value, 'f', 2) : QStringLiteral("-");
    QString text = QStringLiteral("RESULT %1 %2 %3 ratio %4 (target <= %5) %6")
                       .arg(figure.leftJustified(24), oursText, peerText.leftJustified(30),
                           ratioText.leftJustified(5))
                       .arg(maxRatio, 0, 'f', 2)
                       .arg(verdict());
    if (!skipReason.isEmpty())
        text += QStringLiteral(": ") + skipReason;
    return text;
}

} // namespace GridDesk::Bench
