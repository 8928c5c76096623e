"""Claim memory's index: each claim's content keys by language, so that the claims of
other articles saying the same thing are found from a few short postings. Claims
imported before it are indexed by `workbench memory reindex`.

Revision ID: 2c982f8432fe
Revises: 79fb1360b20a
Create Date: 2026-12-02 09:12:40.118254
"""

from alembic import op
import sqlalchemy as sa


revision = '2c982f8432fe'
down_revision = '79fb1360b20a'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('claim_keys',
    sa.Column('language', sa.String(length=12), nullable=False),
    sa.Column('key', sa.Text(), nullable=False),
    sa.Column('claim_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['claim_id'], ['claims.id'], name=op.f('fk_claim_keys_claim_id_claims'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('language', 'key', 'claim_id', name=op.f('pk_claim_keys')),
    sqlite_with_rowid=False,
    )
    with op.batch_alter_table('claim_keys', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_claim_keys_claim_id'), ['claim_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('claim_keys', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_claim_keys_claim_id'))

    op.drop_table('claim_keys')
