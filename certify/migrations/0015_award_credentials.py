import django.db.models.deletion
from django.db import migrations, models

import certify.models.certifications


def give_each_award_a_token(apps, schema_editor):
    Award = apps.get_model("certify", "Award")
    for award in Award.objects.filter(verification_token__isnull=True).only("pk"):
        award.verification_token = certify.models.certifications.new_verification_token()
        award.save(update_fields=["verification_token"])


class Migration(migrations.Migration):
    dependencies = [
        ("certify", "0014_user_time_zone"),
        ("wagtailimages", "0027_image_description"),
    ]

    operations = [
        migrations.AddField(
            model_name="award",
            name="verification_token",
            field=models.CharField(editable=False, max_length=43, null=True),
        ),
        migrations.RunPython(give_each_award_a_token, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="award",
            name="verification_token",
            field=models.CharField(
                default=certify.models.certifications.new_verification_token,
                editable=False,
                help_text="The random part of the award's public verification address.",
                max_length=43,
                unique=True,
            ),
        ),
        migrations.AddField(
            model_name="award",
            name="verification_public",
            field=models.BooleanField(
                default=True,
                help_text="Anyone with the verification address may check the award. The holder can switch it off.",
                verbose_name="public verification",
            ),
        ),
        migrations.CreateModel(
            name="IssuerSettings",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "name",
                    models.CharField(
                        default="Certifiable",
                        help_text="The organisation that certifies its reps.",
                        max_length=120,
                        verbose_name="issuer name",
                    ),
                ),
                (
                    "url",
                    models.URLField(
                        blank=True, help_text="The organisation's public website.", verbose_name="issuer website"
                    ),
                ),
                ("email", models.EmailField(blank=True, max_length=254, verbose_name="contact email")),
                ("description", models.CharField(blank=True, max_length=300)),
                (
                    "logo",
                    models.ForeignKey(
                        blank=True,
                        help_text="Printed on certificates (PNG or JPEG).",
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="wagtailimages.image",
                    ),
                ),
            ],
            options={"verbose_name": "credential issuer"},
        ),
    ]
