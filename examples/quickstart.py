"""The README's quick start, runnable as is: it prints what it did."""

from datetime import datetime, timezone

from fakeimports import FakeCloudTrail, ManualClock

clock = ManualClock(datetime(2026, 1, 1, tzinfo=timezone.utc))
cloudtrail = FakeCloudTrail(clock=clock, region_name="us-east-1", account_id="123456789012")

store = cloudtrail.create_event_data_store(Name="my-lake")["EventDataStoreArn"]
started = cloudtrail.start_import(
    Destinations=[store],
    ImportSource={
        "S3": {
            "S3LocationUri": "s3://my-trail-bucket/AWSLogs/",
            "S3BucketRegion": "us-east-1",
            "S3BucketAccessRoleArn": "arn:aws:iam::123456789012:role/CloudTrailImport",
        }
    },
)
assert started["ImportStatus"] == "INITIALIZING"
print("started import", started["ImportId"], started["ImportStatus"])

clock.advance(minutes=5)  # imports move on with the clock
assert cloudtrail.get_import(ImportId=started["ImportId"])["ImportStatus"] == "IN_PROGRESS"

clock.advance(hours=1)
done = cloudtrail.get_import(ImportId=started["ImportId"])
assert done["ImportStatus"] == "COMPLETED"
print("an hour later:", done["ImportStatus"], done["ImportStatistics"])

try:
    cloudtrail.get_import(ImportId="0" * 36)
except cloudtrail.exceptions.ImportNotFoundException as err:
    print("an unknown id raises", err.response["Error"]["Code"])
else:
    raise AssertionError("an unknown import id must raise ImportNotFoundException")
