// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "logging.h"

Q_LOGGING_CATEGORY(lcIntake, "griddesk.intake")
