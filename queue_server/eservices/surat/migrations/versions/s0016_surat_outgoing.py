"""e-Surat: templates and outgoing letters with their review chain

Revision ID: 0016
Revises: 0015
Create Date: 2026-11-30 14:10:00

The outgoing letters of e-Surat (issue 17).
"""

from __future__ import annotations

import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

revision = '0016'
down_revision = '0015'
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
