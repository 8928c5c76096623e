"""Claim echoes: the pairs of claims of different articles that claim memory found
saying the same thing when one of them was imported, both ways with the similarity,
so the page of repeated claims is one grouped query. It starts empty: pairs among
claims imported before it are not on that page (the review panel still finds them).

Revision ID: e4c1a7b2d9f0
Revises: 9d41c7e2b5a8
Create Date: 2026-12-03 09:00:00.000000
"""

from alembic import op
import sqlalchemy as sa


revision = 'e4c1a7b2d9f0'
down_revision = '9d41c7e2b5a8'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('claim_echoes',
    sa.Column('claim_id', sa.Integer(), nullable=False),
    sa.Column('other_id', sa.Integer(), nullable=False),
    sa.Column('similarity', sa.Float(), nullable=False),
    sa.ForeignKeyConstraint(['claim_id'], ['claims.id'], name=op.f('fk_claim_echoes_claim_id_claims'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['other_id'], ['claims.id'], name=op.f('fk_claim_echoes_other_id_claims'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('claim_id', 'other_id', name=op.f('pk_claim_echoes')),
    )
    with op.batch_alter_table('claim_echoes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_claim_echoes_other_id'), ['other_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('claim_echoes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_claim_echoes_other_id'))

    op.drop_table('claim_echoes')
